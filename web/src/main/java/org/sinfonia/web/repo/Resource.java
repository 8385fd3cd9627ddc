package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.repo.ResourceType;

/**
 * A stored collection, folder, item or file, as its repository returns it. Every one carries the
 * ACL that applies to it (items and files a copy of their folder's), so a single read decides
 * access.
 *
 * <p>{@code doc} is the stored document; only the Mongo adapters and {@link ResourceView} read it.
 * Everything else reads the typed records ({@link #asFile()}, {@link #asItem()}, {@link
 * #asFolder()}), which {@link StoredTree} builds, or the accessors below.
 */
public record Resource(ResourceType type, JsonObject doc) {

  /** This file as a typed record; fails for anything but a file. */
  public FileRecord asFile() {
    expect(type == ResourceType.FILE);
    return StoredTree.file(doc);
  }

  /** This item as a typed record; fails for anything but an item. */
  public Item asItem() {
    expect(type == ResourceType.ITEM);
    return StoredTree.item(doc);
  }

  /** This collection or folder as a typed record; fails for items and files. */
  public Folder asFolder() {
    expect(type == ResourceType.COLLECTION || type == ResourceType.FOLDER);
    return StoredTree.folder(type, doc);
  }

  private void expect(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("not that kind of resource: " + type);
    }
  }

  public String id() {
    return doc.getString("_id");
  }

  public String name() {
    return doc.getString("name");
  }

  public Acl acl() {
    return StoredTree.acl(doc);
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
    return StoredTree.ancestors(doc);
  }
}
