package org.sinfonia.web.repo;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceType;

/**
 * Reading the repository tree: lookups, listings, search and subtree walks. Access decisions are
 * not made here (see {@code Requires}); list and search methods take the caller's reader tokens
 * (empty = site administrator) and return only what those tokens may read, filtered inside the
 * query so paging stays exact.
 */
public interface TreeReader {

  Future<Optional<Resource>> find(ResourceType type, String id);

  /**
   * The child folder (of a collection or folder) or item (of a folder) with this name, compared
   * case-insensitively.
   */
  Future<Optional<Resource>> findChild(Resource parent, ResourceType childType, String name);

  /**
   * The child folder of that name (names are unique per parent, case-insensitively), if there is
   * one.
   */
  Future<Optional<Resource>> childFolder(Resource parent, String name);

  Future<Listing> collections(Paging paging, Optional<List<String>> readers);

  /** Child folders of a collection or folder, or items of a folder. */
  Future<Listing> children(
      Resource parent, ResourceType childType, Paging paging, Optional<List<String>> readers);

  Future<List<Resource>> files(Resource item);

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
