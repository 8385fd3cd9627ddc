package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.sinfonia.core.access.Level;

/** The client's view of a resource: the listed fields only, never the stored document as it is. */
public final class ResourceView {

  private ResourceView() {}

  public static JsonObject of(Resource r, Level callerLevel) {
    JsonObject d = r.doc();
    JsonObject v =
        new JsonObject()
            .put("id", r.id())
            .put("type", r.type().singular())
            .put("name", r.name())
            .put("size", r.size())
            .put("creator", d.getString("creator"))
            .put("created", date(d.getValue("created")))
            .put("updated", date(d.getValue("updated")));
    switch (r.type()) {
      case COLLECTION ->
          v.put("description", d.getString("description", ""))
              .put("meta", meta(d))
              .put("public", r.acl().isPublic());
      case FOLDER ->
          v.put("description", d.getString("description", ""))
              .put("meta", meta(d))
              .put("public", r.acl().isPublic())
              .put("parentType", r.parentType())
              .put("parentId", r.parentId())
              .put("collectionId", r.collectionId())
              .put("ownAcl", d.getBoolean("ownAcl", false));
      case ITEM ->
          v.put("description", d.getString("description", ""))
              .put("meta", meta(d))
              .put("folderId", r.folderId())
              .put("fileCount", d.getLong("fileCount", 0L));
      case FILE -> {
        v.put("itemId", d.getString("itemId"))
            .put("folderId", r.folderId())
            .put("sha256", d.getString("sha256"))
            .put("mimeType", d.getString("mimeType"))
            .put("effectiveType", MediaTypes.effective(d.getString("mimeType"), r.name()));
        if (d.getJsonObject("dicom") != null) {
          v.put("dicom", d.getJsonObject("dicom").copy());
        }
        if (d.getJsonObject("origin") != null) {
          v.put("origin", d.getJsonObject("origin").copy());
        }
        if (d.getJsonObject("privacy") != null) {
          v.put("privacy", d.getJsonObject("privacy").copy());
        }
      }
    }
    if (callerLevel != null) {
      v.put("accessLevel", callerLevel.code());
    }
    return v;
  }

  private static JsonObject meta(JsonObject d) {
    return d.getJsonObject("meta", new JsonObject());
  }

  private static String date(Object stored) {
    if (stored instanceof JsonObject o && o.getValue("$date") != null) {
      Object v = o.getValue("$date");
      return v instanceof Number n ? Instant.ofEpochMilli(n.longValue()).toString() : v.toString();
    }
    return stored == null ? null : stored.toString();
  }
}
