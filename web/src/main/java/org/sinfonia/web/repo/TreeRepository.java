package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceType;

/**
 * The repository tree: collections &gt; folders &gt; items &gt; files. Access decisions are not
 * made here (see {@code Requires}); list and search methods take the caller's reader tokens (empty
 * = site administrator) and return only what those tokens may read, filtered inside the query so
 * paging stays exact.
 */
public interface TreeRepository {

  Future<Optional<Resource>> find(ResourceType type, String id);

  /**
   * The child folder (of a collection or folder) or item (of a folder) with this name, compared
   * case-insensitively.
   */
  Future<Optional<Resource>> findChild(Resource parent, ResourceType childType, String name);

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

  /**
   * The child folder of that name (names are unique per parent, case-insensitively), if there is
   * one.
   */
  Future<Optional<Resource>> childFolder(Resource parent, String name);

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

  Future<Listing> collections(Paging paging, Optional<List<String>> readers);

  /** Child folders of a collection or folder, or items of a folder. */
  Future<Listing> children(
      Resource parent, ResourceType childType, Paging paging, Optional<List<String>> readers);

  Future<List<Resource>> files(Resource item);

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

  Future<Listing> search(SearchQuery query, Paging paging, Optional<List<String>> readers);

  /** Folders of a subtree (the root included), readable ones only, parents before children. */
  Future<List<Resource>> subtreeFolders(Resource root, Optional<List<String>> readers);

  /** How many folders a subtree holds (the root excluded). */
  Future<Long> countSubtreeFolders(Resource root);

  /**
   * The files of the given folders (id, name, item, folder, sha256, size, type, dates and ACL
   * only).
   */
  Future<List<Resource>> filesOfFolders(List<String> folderIds);

  /** The items of the given folders (id, name, folder, file count only). */
  Future<List<Resource>> itemsOfFolders(List<String> folderIds);
}
