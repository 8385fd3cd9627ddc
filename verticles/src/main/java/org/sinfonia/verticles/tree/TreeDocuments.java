package org.sinfonia.verticles.tree;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.repo.SearchTokens;
import org.sinfonia.web.repo.AclJson;
import org.sinfonia.web.repo.Resource;

/**
 * The stored shape of tree documents: the fields every kind shares, access fields, keys, search
 * tokens.
 */
final class TreeDocuments {

  private TreeDocuments() {}

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static JsonObject date(Instant at) {
    return new JsonObject().put("$date", at.toString());
  }

  static JsonObject base(
      String name, String description, JsonObject meta, String creator, Instant now) {
    JsonObject doc =
        new JsonObject()
            .put("_id", newId())
            .put("name", name)
            .put("nameLower", name.toLowerCase())
            .put("creator", creator)
            .put("created", date(now))
            .put("updated", date(now))
            .put("size", 0L);
    if (description != null) {
      doc.put("description", description);
    }
    if (meta != null) {
      doc.put("meta", meta);
    }
    return doc.put("tokens", new JsonArray(tokens(doc)));
  }

  /** Search words of a document's name, description and metadata values. */
  static List<String> tokens(JsonObject doc) {
    List<String> texts = new ArrayList<>();
    texts.add(doc.getString("name"));
    texts.add(doc.getString("description"));
    collectValues(doc.getJsonObject("meta"), texts);
    return new ArrayList<>(SearchTokens.of(texts));
  }

  private static void collectValues(Object value, List<String> out) {
    if (value instanceof JsonObject o) {
      o.forEach(e -> collectValues(e.getValue(), out));
    } else if (value instanceof JsonArray a) {
      a.forEach(v -> collectValues(v, out));
    } else if (value != null) {
      out.add(value.toString());
    }
  }

  /** The access fields: the ACL that applies and its reader tokens for indexed filtering. */
  static JsonObject access(Acl acl) {
    return new JsonObject()
        .put("acl", AclJson.toJson(acl))
        .put("readers", new JsonArray(acl.readerTokens()));
  }

  /** The unique key that makes sibling names unique (case-insensitively) within a parent. */
  static String siblingKey(ResourceType type, String parentType, String parentId, String name) {
    String lower = name.toLowerCase();
    return switch (type) {
      case COLLECTION -> "c/" + lower;
      case FOLDER -> "f/" + parentType + ":" + parentId + "/" + lower;
      case ITEM -> "i/" + parentId + "/" + lower;
      case FILE -> "x/" + parentId + "/" + lower;
    };
  }

  static String siblingKeyOf(Resource r, String name) {
    return switch (r.type()) {
      case COLLECTION -> siblingKey(r.type(), null, null, name);
      case FOLDER -> siblingKey(r.type(), r.parentType(), r.parentId(), name);
      case ITEM -> siblingKey(r.type(), null, r.folderId(), name);
      case FILE -> siblingKey(r.type(), null, r.asFile().itemId(), name);
    };
  }

  /**
   * Folder ids from the top down to (and including) this folder: the ancestors its children record.
   */
  static JsonArray chainThrough(Resource folder) {
    JsonArray chain = new JsonArray();
    folder.ancestors().forEach(chain::add);
    return chain.add(folder.id());
  }
}
