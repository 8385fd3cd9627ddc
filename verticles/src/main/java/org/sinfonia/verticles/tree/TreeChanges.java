package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.repo.Folder;
import org.sinfonia.web.repo.Resource;

/**
 * Changes that touch many documents: ACL changes pushed down a subtree, moves, copies and recursive
 * deletes. Each is ordered so that a crash part-way leaves a readable tree: children are updated
 * before the parent that decides them, deletions remove leaves (files, then items, then folders)
 * last-in-first-out.
 */
final class TreeChanges {

  private static final UpdateOptions MULTI = new UpdateOptions().setMulti(true);

  private final MongoTreeRepository tree;
  private final MongoClient mongo;
  private final ItemLists itemLists;
  private final BlobRefs blobRefs;
  private final FileEvents events;
  private final Clock clock;

  TreeChanges(
      MongoTreeRepository tree,
      MongoClient mongo,
      ItemLists itemLists,
      BlobRefs blobRefs,
      FileEvents events,
      Clock clock) {
    this.tree = tree;
    this.mongo = mongo;
    this.itemLists = itemLists;
    this.blobRefs = blobRefs;
    this.events = events;
    this.clock = clock;
  }

  // ---- access
  // -------------------------------------------------------------------------------------------

  Future<Void> setAcl(Resource target, Acl acl, boolean recurse) {
    String oldSource = MongoTreeRepository.aclSourceOf(target);
    JsonObject inheriting =
        target.type() == ResourceType.COLLECTION
            ? new JsonObject().put("collectionId", target.id())
            : new JsonObject().put("ancestors", target.id());
    if (!recurse) {
      inheriting.put("aclSource", oldSource);
    }
    JsonObject access = TreeDocuments.access(acl);
    JsonObject subtreeSet = access.copy().put("aclSource", target.id());
    if (recurse) {
      subtreeSet.put("ownAcl", false);
    }
    return mongo
        .findWithOptions(
            Collections.FOLDERS,
            inheriting,
            new io.vertx.ext.mongo.FindOptions().setFields(new JsonObject().put("_id", 1)))
        .compose(
            docs -> {
              List<String> folderIds =
                  new ArrayList<>(docs.stream().map(d -> d.getString("_id")).toList());
              Future<?> folders =
                  folderIds.isEmpty()
                      ? Future.succeededFuture()
                      : mongo.updateCollectionWithOptions(
                          Collections.FOLDERS, inList(folderIds), set(subtreeSet), MULTI);
              if (target.type() == ResourceType.FOLDER) {
                folderIds.add(target.id());
              }
              return folders.compose(x -> applyToContents(folderIds, access));
            })
        .compose(
            x -> {
              JsonObject own = access.copy().put("updated", TreeDocuments.date(clock.instant()));
              if (target.type() == ResourceType.FOLDER) {
                own.put("ownAcl", true).put("aclSource", target.id());
              }
              return mongo.updateCollection(
                  MongoTreeRepository.collectionOf(target.type()),
                  new JsonObject().put("_id", target.id()),
                  set(own));
            })
        .mapEmpty();
  }

  /** Items and files take the ACL of their folder. */
  private Future<Void> applyToContents(List<String> folderIds, JsonObject access) {
    if (folderIds.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject inFolders =
        new JsonObject().put("folderId", new JsonObject().put("$in", new JsonArray(folderIds)));
    return mongo
        .updateCollectionWithOptions(Collections.ITEMS, inFolders, set(access), MULTI)
        .compose(
            x ->
                mongo.updateCollectionWithOptions(Collections.FILES, inFolders, set(access), MULTI))
        .compose(x -> events.accessChanged(folderIds, access));
  }

  // ---- move
  // ---------------------------------------------------------------------------------------------

  Future<Resource> move(Resource r, Resource parent) {
    if (r.type() == ResourceType.ITEM) {
      return moveItem(r, parent);
    }
    if (r.type() != ResourceType.FOLDER) {
      return Future.failedFuture(
          ApiError.badRequest("NOT_MOVABLE", "only folders and items can be moved"));
    }
    if (parent.id().equals(r.id()) || parent.ancestors().contains(r.id())) {
      return Future.failedFuture(
          ApiError.conflict("MOVE_INTO_SELF", "a folder cannot move into its own subtree"));
    }
    if ("user".equals(r.parentType())) {
      return Future.failedFuture(ApiError.conflict("HOME_FOLDER", "a home folder cannot be moved"));
    }
    boolean ownAcl = r.asFolder().ownAcl();
    JsonArray newAncestors =
        parent.type() == ResourceType.COLLECTION
            ? new JsonArray()
            : TreeDocuments.chainThrough(parent);
    JsonObject set =
        new JsonObject()
            .put("parentType", parent.type().singular())
            .put("parentId", parent.id())
            .put("collectionId", parent.collectionId())
            .put("ancestors", newAncestors)
            .put(
                "siblingKey",
                TreeDocuments.siblingKey(
                    ResourceType.FOLDER, parent.type().singular(), parent.id(), r.name()))
            .put("updated", TreeDocuments.date(clock.instant()));
    Acl newAcl = ownAcl ? r.acl() : parent.acl();
    String newSource = ownAcl ? r.id() : MongoTreeRepository.aclSourceOf(parent);
    if (!ownAcl) {
      set.mergeIn(TreeDocuments.access(newAcl)).put("aclSource", newSource);
    }
    String oldSource = MongoTreeRepository.aclSourceOf(r);
    return mongo
        .updateCollection(Collections.FOLDERS, new JsonObject().put("_id", r.id()), set(set))
        .recover(
            e ->
                Future.failedFuture(
                    MongoTreeRepository.duplicate(e)
                        ? ApiError.conflict(
                            "DUPLICATE_NAME", "a folder named '%s' already exists there", r.name())
                        : e))
        .compose(x -> tree.find(ResourceType.FOLDER, r.id()))
        .map(java.util.Optional::orElseThrow)
        .compose(
            moved ->
                rebaseSubtree(moved, oldSource, newAcl, newSource)
                    .compose(x -> relocateFilesBelow(moved))
                    .compose(x -> tree.adjustSize(parentChainOf(r), -r.size()))
                    .compose(x -> tree.adjustSize(asContainer(parent), r.size()))
                    .compose(x -> tree.find(ResourceType.FOLDER, r.id()))
                    .map(java.util.Optional::orElseThrow));
  }

  /**
   * After a folder moved: fix the ancestors, collection and inherited ACL of everything below it.
   */
  private Future<Void> rebaseSubtree(Resource moved, String oldSource, Acl acl, String source) {
    return mongo
        .find(Collections.FOLDERS, new JsonObject().put("ancestors", moved.id()))
        .compose(
            descendants -> {
              List<Future<?>> updates = new ArrayList<>();
              List<Resource> all = new ArrayList<>();
              all.add(moved);
              for (JsonObject d : descendants) {
                List<String> old =
                    d.getJsonArray("ancestors").stream().map(String::valueOf).toList();
                JsonArray fixed = TreeDocuments.chainThrough(moved);
                old.subList(old.indexOf(moved.id()) + 1, old.size()).forEach(fixed::add);
                JsonObject set =
                    new JsonObject()
                        .put("ancestors", fixed)
                        .put("collectionId", moved.collectionId());
                if (oldSource.equals(d.getString("aclSource"))) {
                  set.mergeIn(TreeDocuments.access(acl)).put("aclSource", source);
                }
                updates.add(
                    mongo.updateCollection(
                        Collections.FOLDERS,
                        new JsonObject().put("_id", d.getString("_id")),
                        set(set)));
                all.add(new Resource(ResourceType.FOLDER, d.copy().mergeIn(set)));
              }
              return Future.all(updates)
                  .compose(
                      x -> {
                        List<Future<?>> contents = new ArrayList<>();
                        for (Resource folder : all) {
                          JsonObject set =
                              new JsonObject()
                                  .put("ancestors", TreeDocuments.chainThrough(folder))
                                  .put("collectionId", folder.collectionId())
                                  .mergeIn(TreeDocuments.access(folder.acl()));
                          JsonObject inFolder = new JsonObject().put("folderId", folder.id());
                          contents.add(
                              mongo
                                  .updateCollectionWithOptions(
                                      Collections.ITEMS, inFolder, set(set), MULTI)
                                  .compose(
                                      y ->
                                          mongo.updateCollectionWithOptions(
                                              Collections.FILES, inFolder, set(set), MULTI)));
                        }
                        return Future.all(contents).mapEmpty();
                      });
            });
  }

  private Future<Void> relocateFilesBelow(Resource folder) {
    JsonObject below =
        new JsonObject()
            .put(
                "$or",
                new JsonArray()
                    .add(new JsonObject().put("folderId", folder.id()))
                    .add(new JsonObject().put("ancestors", folder.id())));
    return mongo
        .findWithOptions(
            Collections.FILES,
            below,
            new io.vertx.ext.mongo.FindOptions().setFields(new JsonObject().put("_id", 1)))
        .compose(docs -> events.relocated(docs.stream().map(d -> d.getString("_id")).toList()));
  }

  private Future<Resource> moveItem(Resource item, Resource folder) {
    if (folder.type() != ResourceType.FOLDER) {
      return Future.failedFuture(ApiError.badRequest("INVALID_PARENT", "items live in folders"));
    }
    if (folder.id().equals(item.folderId())) {
      return Future.succeededFuture(item);
    }
    JsonObject placement =
        new JsonObject()
            .put("folderId", folder.id())
            .put("collectionId", folder.collectionId())
            .put("ancestors", TreeDocuments.chainThrough(folder))
            .mergeIn(TreeDocuments.access(folder.acl()));
    String oldFolder = item.folderId();
    int oldChunk = item.doc().getInteger("listChunk", 0);
    return itemLists
        .add(folder.id(), item.id())
        .compose(
            chunk ->
                mongo
                    .updateCollection(
                        Collections.ITEMS,
                        new JsonObject().put("_id", item.id()),
                        set(
                            placement
                                .copy()
                                .put("listChunk", chunk)
                                .put(
                                    "siblingKey",
                                    TreeDocuments.siblingKey(
                                        ResourceType.ITEM, null, folder.id(), item.name()))
                                .put("updated", TreeDocuments.date(clock.instant()))))
                    .recover(
                        e ->
                            itemLists
                                .remove(folder.id(), chunk, item.id())
                                .transform(
                                    x ->
                                        Future.failedFuture(
                                            MongoTreeRepository.duplicate(e)
                                                ? ApiError.conflict(
                                                    "DUPLICATE_NAME",
                                                    "an item named '%s' already exists there",
                                                    item.name())
                                                : e))))
        .compose(
            x ->
                mongo.updateCollectionWithOptions(
                    Collections.FILES,
                    new JsonObject().put("itemId", item.id()),
                    set(placement),
                    MULTI))
        .compose(x -> itemLists.remove(oldFolder, oldChunk, item.id()))
        .compose(x -> tree.files(item))
        .compose(files -> events.relocated(files.stream().map(Resource::id).toList()))
        .compose(x -> tree.adjustSize(parentChainOf(item), -item.size()))
        .compose(x -> tree.adjustSize(asContainer(folder), item.size()))
        .compose(x -> tree.find(ResourceType.ITEM, item.id()))
        .map(java.util.Optional::orElseThrow);
  }

  /** A stand-in for "the folders above r and its collection", for size bookkeeping. */
  private static Resource parentChainOf(Resource r) {
    JsonObject d =
        new JsonObject()
            .put("_id", "")
            .put("ancestors", new JsonArray(r.ancestors()))
            .put("collectionId", r.collectionId());
    return new Resource(ResourceType.FILE, d);
  }

  private static Resource asContainer(Resource parent) {
    if (parent.type() == ResourceType.COLLECTION) {
      return new Resource(
          ResourceType.FILE,
          new JsonObject()
              .put("_id", "")
              .put("ancestors", new JsonArray())
              .put("collectionId", parent.id()));
    }
    return new Resource(
        ResourceType.FILE,
        new JsonObject()
            .put("_id", "")
            .put("ancestors", TreeDocuments.chainThrough(parent))
            .put("collectionId", parent.collectionId()));
  }

  // ---- copy
  // ---------------------------------------------------------------------------------------------

  /** A copy into the resource's own parent is named "NAME (copy)", "NAME (copy 2)", ... */
  Future<Resource> copy(Resource r, Resource parent, String creator) {
    boolean sameParent =
        parent.id().equals(r.type() == ResourceType.ITEM ? r.folderId() : r.parentId());
    return copyAs(r, parent, creator, sameParent ? 1 : 0);
  }

  private Future<Resource> copyAs(Resource r, Resource parent, String creator, int attempt) {
    String name = attempt == 0 ? r.name() : copyName(r.name(), attempt);
    return copyNamed(r, parent, creator, name)
        .recover(
            e ->
                attempt > 0
                        && attempt < 100
                        && e instanceof ApiError a
                        && a.code().equals("DUPLICATE_NAME")
                    ? copyAs(r, parent, creator, attempt + 1)
                    : Future.failedFuture(e));
  }

  static String copyName(String name, int n) {
    int dot = name.lastIndexOf('.');
    String suffix = n == 1 ? " (copy)" : " (copy " + n + ")";
    return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
  }

  private Future<Resource> copyNamed(Resource r, Resource parent, String creator, String name) {
    if (r.type() == ResourceType.ITEM) {
      if (parent.type() != ResourceType.FOLDER) {
        return Future.failedFuture(ApiError.badRequest("INVALID_PARENT", "items live in folders"));
      }
      return copyItem(r, parent, creator, name);
    }
    if (r.type() != ResourceType.FOLDER) {
      return Future.failedFuture(
          ApiError.badRequest("NOT_COPYABLE", "only folders and items can be copied"));
    }
    if (parent.id().equals(r.id()) || parent.ancestors().contains(r.id())) {
      return Future.failedFuture(
          ApiError.conflict("COPY_INTO_SELF", "a folder cannot be copied into its own subtree"));
    }
    Folder folder = r.asFolder();
    boolean ownAcl = folder.ownAcl();
    Acl acl = ownAcl ? r.acl() : parent.acl();
    return tree.createFolder(
            parent, name, folder.description(), folder.meta(), acl, ownAcl, creator)
        .compose(copy -> copyContents(r, copy, creator).map(copy));
  }

  private Future<Void> copyContents(Resource from, Resource to, String creator) {
    Future<Void> items =
        mongo
            .find(Collections.ITEMS, new JsonObject().put("folderId", from.id()))
            .compose(
                docs -> {
                  Future<Void> chain = Future.succeededFuture();
                  for (JsonObject d : docs) {
                    chain =
                        chain.compose(
                            x ->
                                copyItem(
                                        new Resource(ResourceType.ITEM, d),
                                        to,
                                        creator,
                                        d.getString("name"))
                                    .mapEmpty());
                  }
                  return chain;
                });
    return items
        .compose(
            x ->
                mongo.find(
                    Collections.FOLDERS,
                    new JsonObject().put("parentType", "folder").put("parentId", from.id())))
        .compose(
            children -> {
              Future<Void> chain = Future.succeededFuture();
              for (JsonObject child : children) {
                chain =
                    chain.compose(
                        x ->
                            copy(new Resource(ResourceType.FOLDER, child), to, creator).mapEmpty());
              }
              return chain;
            });
  }

  private Future<Resource> copyItem(Resource item, Resource folder, String creator, String name) {
    return tree.createItem(folder, name, item.asItem().description(), item.asItem().meta(), creator)
        .compose(
            copy ->
                tree.files(item)
                    .compose(
                        files -> {
                          Future<Void> chain = Future.succeededFuture();
                          for (Resource f : files) {
                            Blob blob = new Blob(f.asFile().sha256(), f.size());
                            chain =
                                chain.compose(
                                    x ->
                                        tree.createFile(
                                                copy,
                                                f.name(),
                                                f.asFile().mimeType(),
                                                blob,
                                                new JsonObject(),
                                                creator)
                                            .mapEmpty());
                          }
                          return chain
                              .compose(x -> tree.find(ResourceType.ITEM, copy.id()))
                              .map(java.util.Optional::orElseThrow);
                        }));
  }

  // ---- delete
  // -------------------------------------------------------------------------------------------

  Future<Void> delete(Resource r) {
    return switch (r.type()) {
      case FILE ->
          deleteFiles(List.of(r))
              .compose(
                  x ->
                      mongo.updateCollection(
                          Collections.ITEMS,
                          new JsonObject().put("_id", r.asFile().itemId()),
                          new JsonObject()
                              .put(
                                  "$inc",
                                  new JsonObject().put("fileCount", -1L).put("size", -r.size()))))
              .compose(x -> tree.adjustSize(parentChainOf(r), -r.size()));
      case ITEM ->
          tree.files(r)
              .compose(this::deleteFiles)
              .compose(
                  x -> mongo.removeDocument(Collections.ITEMS, new JsonObject().put("_id", r.id())))
              .compose(
                  x -> itemLists.remove(r.folderId(), r.doc().getInteger("listChunk", 0), r.id()))
              .compose(x -> tree.adjustSize(parentChainOf(r), -r.size()));
      case FOLDER, COLLECTION -> deleteTree(r);
    };
  }

  private Future<Void> deleteTree(Resource root) {
    JsonObject below =
        root.type() == ResourceType.COLLECTION
            ? new JsonObject().put("collectionId", root.id())
            : new JsonObject().put("ancestors", root.id());
    return mongo
        .findWithOptions(
            Collections.FOLDERS,
            below,
            new io.vertx.ext.mongo.FindOptions().setFields(new JsonObject().put("_id", 1)))
        .compose(
            docs -> {
              List<String> folderIds =
                  new ArrayList<>(docs.stream().map(d -> d.getString("_id")).toList());
              if (root.type() == ResourceType.FOLDER) {
                folderIds.add(root.id());
              }
              JsonObject inFolders =
                  new JsonObject()
                      .put("folderId", new JsonObject().put("$in", new JsonArray(folderIds)));
              return mongo
                  .find(Collections.FILES, inFolders)
                  .compose(
                      files ->
                          deleteFiles(
                              files.stream().map(f -> new Resource(ResourceType.FILE, f)).toList()))
                  .compose(x -> mongo.removeDocuments(Collections.ITEMS, inFolders))
                  .compose(x -> itemLists.dropFolder(folderIds))
                  .compose(
                      x ->
                          folderIds.isEmpty()
                              ? Future.succeededFuture()
                              : mongo.removeDocuments(Collections.FOLDERS, inList(folderIds)))
                  .compose(
                      x ->
                          root.type() == ResourceType.COLLECTION
                              ? mongo
                                  .removeDocument(
                                      Collections.COLLECTIONS,
                                      new JsonObject().put("_id", root.id()))
                                  .mapEmpty()
                              : tree.adjustSize(parentChainOf(root), -root.size()));
            });
  }

  /** Removes file documents, then releases their blobs (a blob goes when its last file does). */
  private Future<Void> deleteFiles(List<Resource> files) {
    if (files.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> ids = files.stream().map(Resource::id).toList();
    return mongo
        .removeDocuments(Collections.FILES, inList(ids))
        .compose(x -> events.removed(files))
        .compose(
            x -> {
              Future<Void> chain = Future.succeededFuture();
              for (Resource f : files) {
                chain =
                    chain.compose(
                        y ->
                            blobRefs
                                .release(f.asFile().sha256())
                                .recover(e -> Future.succeededFuture()));
              }
              return chain;
            });
  }

  private static JsonObject inList(List<String> ids) {
    return new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids)));
  }

  private static JsonObject set(JsonObject fields) {
    return new JsonObject().put("$set", fields);
  }
}
