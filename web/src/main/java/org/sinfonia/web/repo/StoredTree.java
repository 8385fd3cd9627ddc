package org.sinfonia.web.repo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.privacy.PolicyJson;

/**
 * The one place where stored tree documents (as the Mongo adapter in {@code verticles/tree} writes
 * them) become typed records. Application code reads {@link Resource#asFile()}, {@link
 * Resource#asItem()} and {@link Resource#asFolder()}; only the adapter and {@link ResourceView}
 * look at the stored document itself.
 */
public final class StoredTree {

  private StoredTree() {}

  public static FileRecord file(JsonObject d) {
    return new FileRecord(
        d.getString("_id"),
        d.getString("name"),
        d.getString("itemId"),
        d.getString("folderId"),
        d.getString("collectionId"),
        d.getString("sha256"),
        d.getLong("size", 0L),
        d.getString("mimeType"),
        d.getString("creator"),
        instant(d.getValue("created")),
        instant(d.getValue("updated")),
        d.getJsonObject("dicom"),
        acl(d));
  }

  public static Item item(JsonObject d) {
    return new Item(
        d.getString("_id"),
        d.getString("name"),
        d.getString("folderId"),
        d.getString("collectionId"),
        d.getString("description", ""),
        d.getJsonObject("meta", new JsonObject()),
        d.getLong("fileCount", 0L),
        d.getString("creator"),
        instant(d.getValue("created")),
        instant(d.getValue("updated")),
        ancestors(d),
        acl(d));
  }

  public static Folder folder(ResourceType type, JsonObject d) {
    return new Folder(
        type,
        d.getString("_id"),
        d.getString("name"),
        d.getString("parentType"),
        d.getString("parentId"),
        type == ResourceType.COLLECTION ? d.getString("_id") : d.getString("collectionId"),
        d.getString("description", ""),
        d.getJsonObject("meta", new JsonObject()),
        d.getBoolean("ownAcl", false),
        ancestors(d),
        d.getString("creator"),
        instant(d.getValue("created")),
        instant(d.getValue("updated")),
        acl(d),
        privacy(d));
  }

  private static PrivacyPolicy privacy(JsonObject d) {
    JsonObject stored = d.getJsonObject("privacy");
    return stored == null ? null : PolicyJson.fromStored(stored);
  }

  static Acl acl(JsonObject d) {
    return AclJson.fromStored(d.getJsonObject("acl"));
  }

  static List<String> ancestors(JsonObject d) {
    JsonArray a = d.getJsonArray("ancestors", new JsonArray());
    return a.stream().map(String::valueOf).toList();
  }

  /**
   * A stored {@code {"$date": ...}} (ISO text or epoch milliseconds); null if absent or unreadable.
   */
  static Instant instant(Object stored) {
    if (stored instanceof JsonObject o && o.getValue("$date") != null) {
      Object v = o.getValue("$date");
      if (v instanceof Number n) {
        return Instant.ofEpochMilli(n.longValue());
      }
      try {
        return Instant.parse(v.toString());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
