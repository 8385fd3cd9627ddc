package org.sinfonia.web.repo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.repo.ResourceType;

/**
 * A stored collection, folder, item or file, as its repository returns it. Every one carries the
 * ACL that applies to it (items and files a copy of their folder's), so a single read decides
 * access.
 */
public record Resource(ResourceType type, JsonObject doc) {

  public String id() {
    return doc.getString("_id");
  }

  public String name() {
    return doc.getString("name");
  }

  public Acl acl() {
    return AclJson.fromStored(doc.getJsonObject("acl"));
  }

  public long size() {
    return doc.getLong("size", 0L);
  }

  /**
   * For folders: "collection", "folder" or "user" (home folders); for items and files:
   * "folder"/"item".
   */
  public String parentType() {
    return doc.getString("parentType");
  }

  public String parentId() {
    return doc.getString("parentId");
  }

  public String folderId() {
    return type == ResourceType.FOLDER ? id() : doc.getString("folderId");
  }

  public String collectionId() {
    return type == ResourceType.COLLECTION ? id() : doc.getString("collectionId");
  }

  /**
   * Folder ids from the top of the tree down to the parent folder (for folders) or the folder
   * (items, files).
   */
  public List<String> ancestors() {
    JsonArray a = doc.getJsonArray("ancestors", new JsonArray());
    return a.stream().map(String::valueOf).toList();
  }
}
