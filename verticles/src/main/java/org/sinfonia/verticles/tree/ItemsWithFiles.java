package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.repo.FileOutcome;
import org.sinfonia.web.repo.NewFile;
import org.sinfonia.web.repo.Resource;

/**
 * Many stored blobs become files, each in a new item of its name, with a fixed number of writes per
 * batch: a block of item-list positions, one bulk insert of items (already counting their file and
 * size) and beside it one blob reference write per distinct blob, one bulk insert of files, one
 * size update up the folder chain.
 *
 * <p>The order is that of one file's creation: a crash midway leaves listed ids without items
 * (skipped by listings), items without their file, or blobs kept too long; never a file whose blob
 * may be freed.
 */
final class ItemsWithFiles {

  private final MongoTreeRepository tree;
  private final MongoClient mongo;
  private final ItemLists itemLists;
  private final BlobRefs blobRefs;
  private final Clock clock;

  ItemsWithFiles(
      MongoTreeRepository tree,
      MongoClient mongo,
      ItemLists itemLists,
      BlobRefs blobRefs,
      Clock clock) {
    this.tree = tree;
    this.mongo = mongo;
    this.itemLists = itemLists;
    this.blobRefs = blobRefs;
    this.clock = clock;
  }

  /** One entry of a batch on its way in: its documents and, once known, what became of it. */
  private static final class Entry {
    final NewFile wanted;
    final JsonObject item;
    final JsonObject file;
    int chunk = -1;
    Throwable failure;

    Entry(NewFile wanted, JsonObject item, JsonObject file) {
      this.wanted = wanted;
      this.item = item;
      this.file = file;
    }

    boolean alive() {
      return failure == null;
    }
  }

  Future<List<FileOutcome>> create(Resource folder, List<NewFile> files, String creator) {
    Instant now = clock.instant();
    JsonObject access = TreeDocuments.access(folder.acl());
    JsonArray chain = TreeDocuments.chainThrough(folder);
    List<Entry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (NewFile f : files) {
      JsonObject item =
          TreeDocuments.base(f.name(), "", new JsonObject(), creator, now)
              .put("folderId", folder.id())
              .put("collectionId", folder.collectionId())
              .put("ancestors", chain.copy())
              .put(
                  "siblingKey",
                  TreeDocuments.siblingKey(ResourceType.ITEM, null, folder.id(), f.name()))
              .put("fileCount", 1L)
              .put("size", f.blob().size())
              .mergeIn(access.copy());
      JsonObject file =
          f.facts()
              .copy()
              .mergeIn(TreeDocuments.base(f.name(), null, null, creator, now))
              .put("itemId", item.getString("_id"))
              .put("folderId", folder.id())
              .put("collectionId", folder.collectionId())
              .put("ancestors", chain.copy())
              .put(
                  "siblingKey",
                  TreeDocuments.siblingKey(
                      ResourceType.FILE, null, item.getString("_id"), f.name()))
              .put("sha256", f.blob().sha256())
              .put("size", f.blob().size())
              .put("mimeType", f.mimeType())
              .mergeIn(access.copy());
      Entry e = new Entry(f, item, file);
      if (!keys.add(item.getString("siblingKey"))) {
        e.failure = taken(f.name()); // an earlier entry of this batch has the name
      }
      entries.add(e);
    }
    List<Entry> fresh = entries.stream().filter(Entry::alive).toList();
    return itemLists
        .addAll(folder.id(), fresh.stream().map(e -> e.item.getString("_id")).toList())
        .compose(
            chunks -> {
              for (int i = 0; i < fresh.size(); i++) {
                fresh.get(i).chunk = chunks.get(i);
                fresh.get(i).item.put("listChunk", chunks.get(i));
              }
              // The blobs' references go at the same time as the items (one round trip less; before
              // the files, as
              // always): an entry whose item fails gives its reference back.
              return Future.all(
                      insertItems(folder, fresh),
                      blobRefs.acquireAll(fresh.stream().map(e -> e.wanted.blob()).toList()))
                  .compose(x -> releaseRefsOfFailed(fresh));
            })
        .compose(v -> insertFiles(live(entries)))
        .compose(
            v ->
                tree.adjustSize(
                    folder, live(entries).stream().mapToLong(e -> e.wanted.blob().size()).sum()))
        .map(
            v ->
                entries.stream()
                    .map(
                        e ->
                            e.alive()
                                ? FileOutcome.created(new Resource(ResourceType.FILE, e.file))
                                : FileOutcome.failed(e.failure))
                    .toList());
  }

  private static List<Entry> live(List<Entry> entries) {
    return entries.stream().filter(Entry::alive).toList();
  }

  private static ApiError taken(String name) {
    return ApiError.conflict(
        "DUPLICATE_NAME",
        "a %s named '%s' already exists here",
        ResourceType.ITEM.singular(),
        name);
  }

  /**
   * Items whose insert failed give their list position back; a taken name fails as DUPLICATE_NAME.
   */
  private Future<Void> insertItems(Resource folder, List<Entry> entries) {
    return insertAll(Collections.ITEMS, entries, e -> e.item)
        .compose(
            missing -> {
              List<Future<?>> undo = new ArrayList<>();
              for (Entry e : missing) {
                undo.add(itemLists.remove(folder.id(), e.chunk, e.item.getString("_id")));
              }
              return Future.join(undo).transform(x -> Future.<Void>succeededFuture());
            });
  }

  private Future<Void> releaseRefsOfFailed(List<Entry> entries) {
    List<Future<?>> released = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.alive()) {
        released.add(blobRefs.release(e.wanted.blob().sha256()));
      }
    }
    return Future.join(released).transform(x -> Future.succeededFuture());
  }

  /**
   * The files, their blobs' references already taken (a crash then keeps a blob too long, never
   * frees one early).
   */
  private Future<Void> insertFiles(List<Entry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    return insertAll(Collections.FILES, entries, e -> e.file)
        .compose(
            missing -> {
              List<Future<?>> undo = new ArrayList<>();
              for (Entry e : missing) {
                undo.add(
                    mongo
                        .removeDocument(
                            Collections.ITEMS, new JsonObject().put("_id", e.item.getString("_id")))
                        .compose(
                            r ->
                                itemLists.remove(
                                    e.item.getString("folderId"), e.chunk, e.item.getString("_id")))
                        .compose(r -> blobRefs.release(e.wanted.blob().sha256())));
              }
              return Future.join(undo).transform(x -> Future.<Void>succeededFuture());
            });
  }

  /**
   * Inserts one document per entry in one unordered bulk write. When it fails, the entries whose
   * document is not there are marked failed (a taken name as DUPLICATE_NAME) and returned, so the
   * caller can undo their earlier steps; the others stand.
   */
  private Future<List<Entry>> insertAll(
      String collection,
      List<Entry> entries,
      java.util.function.Function<Entry, JsonObject> docOf) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<BulkOperation> inserts =
        entries.stream().map(e -> BulkOperation.createInsert(docOf.apply(e))).toList();
    return mongo
        .bulkWriteWithOptions(collection, inserts, new BulkWriteOptions().setOrdered(false))
        .map(r -> List.<Entry>of())
        .recover(
            cause -> {
              JsonArray ids =
                  new JsonArray(
                      entries.stream().map(e -> docOf.apply(e).getString("_id")).toList());
              return mongo
                  .findWithOptions(
                      collection,
                      new JsonObject().put("_id", new JsonObject().put("$in", ids)),
                      new FindOptions().setFields(new JsonObject().put("_id", 1)))
                  .map(
                      found -> {
                        Set<String> there =
                            found.stream().map(d -> d.getString("_id")).collect(Collectors.toSet());
                        List<Entry> missing =
                            entries.stream()
                                .filter(e -> !there.contains(docOf.apply(e).getString("_id")))
                                .toList();
                        missing.forEach(
                            e ->
                                e.failure =
                                    MongoTreeRepository.duplicate(cause)
                                        ? taken(e.wanted.name())
                                        : cause);
                        return missing;
                      });
            });
  }
}
