package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.blob.Blob;

/**
 * Changing the repository tree: creating, updating, moving, copying and deleting resources, and
 * applying ACLs. Access decisions are not made here (see {@code Requires}).
 */
public interface TreeWriter {

  Future<Resource> createCollection(
      String name, String description, JsonObject meta, Acl acl, String creator);

  /** A folder under a collection or folder, with the ACL it is to apply (inherited or its own). */
  Future<Resource> createFolder(
      Resource parent,
      String name,
      String description,
      JsonObject meta,
      Acl acl,
      boolean ownAcl,
      String creator);

  /** The user's private home folder, created on first call. */
  Future<Resource> homeFolder(String login);

  Future<Resource> createItem(
      Resource folder, String name, String description, JsonObject meta, String creator);

  /**
   * Records stored blobs as files, each in a new item of its name in {@code folder}, with a few
   * database writes for the whole batch instead of several per file. One outcome per entry, in
   * order: an entry that cannot be created (a name already taken, {@code DUPLICATE_NAME}, also by
   * an earlier entry of the batch) leaves nothing of itself and never costs the others.
   */
  Future<List<FileOutcome>> createItemsWithFiles(
      Resource folder, List<NewFile> files, String creator);

  /** Records a stored blob as a file of an item; the blob's reference count goes up by one. */
  Future<Resource> createFile(
      Resource item, String name, String mimeType, Blob blob, JsonObject facts, String creator);

  /**
   * Renames, re-describes and/or replaces or merges metadata; null arguments leave the field alone.
   */
  Future<Resource> update(
      Resource resource, String name, String description, JsonObject meta, boolean mergeMeta);

  /**
   * Applies a new ACL to a collection or folder and to everything below that inherits through it;
   * with {@code recurse}, to the whole subtree (folders with ACLs of their own included).
   */
  Future<Void> setAcl(Resource target, Acl acl, boolean recurse);

  /** Moves a folder under another collection/folder, or an item into another folder. */
  Future<Resource> move(Resource resource, Resource newParent);

  /** Copies a folder (recursively) or an item into a parent; blobs are shared, not duplicated. */
  Future<Resource> copy(Resource resource, Resource newParent, String creator);

  /** Deletes a resource and everything below it; blobs go when their last file does. */
  Future<Void> delete(Resource resource);
}
