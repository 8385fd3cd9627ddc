package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.verticles.mongo.Collections;

/**
 * Items of a folder in creation order, as chunks of ids ({@code _id = folderId:n}, {@value #CHUNK}
 * ids each) plus per-chunk counts on the folder. Any page is then two primary-key reads (chunks,
 * then items by {@code _id}), fast with 10^5 items on MongoDB and on the embedded store alike,
 * which can only look up {@code _id}s quickly.
 *
 * <p>An id is added to its chunk before the item document is written, so a crash in between leaves
 * an id without a document, which listing skips; never an item missing from its folder's list.
 */
final class ItemLists {

  static final int CHUNK = 512;

  private final MongoClient mongo;

  ItemLists(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Reserves a position for a new item and records its id; returns the chunk number. */
  Future<Integer> add(String folderId, String itemId) {
    JsonObject byId = new JsonObject().put("_id", folderId);
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.FOLDERS,
            byId,
            new JsonObject().put("$inc", new JsonObject().put("itemSeq", 1L)),
            new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(
            folder -> {
              if (folder == null) {
                return Future.failedFuture(
                    new IllegalStateException("folder vanished: " + folderId));
              }
              int chunk = (int) ((folder.getLong("itemSeq") - 1) / CHUNK);
              return mongo
                  .updateCollectionWithOptions(
                      Collections.ITEM_LISTS,
                      new JsonObject().put("_id", folderId + ":" + chunk),
                      new JsonObject().put("$push", new JsonObject().put("ids", itemId)),
                      new UpdateOptions().setUpsert(true))
                  .compose(
                      r ->
                          mongo.updateCollection(
                              Collections.FOLDERS,
                              byId,
                              new JsonObject()
                                  .put("$inc", new JsonObject().put("itemChunks." + chunk, 1L))))
                  .map(r -> chunk);
            });
  }

  /**
   * Reserves a block of positions for new items, in the given order, with one counter update, one
   * push per chunk touched and one count update; returns each id's chunk number.
   */
  Future<List<Integer>> addAll(String folderId, List<String> itemIds) {
    if (itemIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject byId = new JsonObject().put("_id", folderId);
    int n = itemIds.size();
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.FOLDERS,
            byId,
            new JsonObject().put("$inc", new JsonObject().put("itemSeq", (long) n)),
            new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(
            folder -> {
              if (folder == null) {
                return Future.failedFuture(
                    new IllegalStateException("folder vanished: " + folderId));
              }
              long first = folder.getLong("itemSeq") - n; // the position before the block
              List<Integer> chunks = new ArrayList<>(n);
              Map<Integer, JsonArray> idsByChunk = new LinkedHashMap<>();
              for (int i = 0; i < n; i++) {
                int chunk = (int) ((first + i) / CHUNK);
                chunks.add(chunk);
                idsByChunk.computeIfAbsent(chunk, c -> new JsonArray()).add(itemIds.get(i));
              }
              List<Future<?>> pushes = new ArrayList<>();
              JsonObject counts = new JsonObject();
              idsByChunk.forEach(
                  (chunk, ids) -> {
                    pushes.add(
                        mongo.updateCollectionWithOptions(
                            Collections.ITEM_LISTS,
                            new JsonObject().put("_id", folderId + ":" + chunk),
                            new JsonObject()
                                .put(
                                    "$push",
                                    new JsonObject()
                                        .put("ids", new JsonObject().put("$each", ids))),
                            new UpdateOptions().setUpsert(true)));
                    counts.put("itemChunks." + chunk, (long) ids.size());
                  });
              // Ids first, counts after, as in add(): a crash in between hides ids, never shows
              // missing ones.
              return Future.all(pushes)
                  .compose(
                      x ->
                          mongo.updateCollection(
                              Collections.FOLDERS, byId, new JsonObject().put("$inc", counts)))
                  .map(r -> chunks);
            });
  }

  Future<Void> remove(String folderId, int chunk, String itemId) {
    return mongo
        .updateCollection(
            Collections.ITEM_LISTS,
            new JsonObject().put("_id", folderId + ":" + chunk),
            new JsonObject().put("$pull", new JsonObject().put("ids", itemId)))
        .compose(
            r ->
                r != null && r.getDocModified() > 0
                    ? mongo
                        .updateCollection(
                            Collections.FOLDERS,
                            new JsonObject().put("_id", folderId),
                            new JsonObject()
                                .put("$inc", new JsonObject().put("itemChunks." + chunk, -1L)))
                        .mapEmpty()
                    : Future.<Void>succeededFuture());
  }

  /**
   * The ids at positions [offset, offset + limit) of the folder's list, given the folder's chunk
   * counts.
   */
  Future<List<String>> page(String folderId, JsonObject chunkCounts, long offset, int limit) {
    List<String> wanted = new ArrayList<>();
    List<Long> skips = new ArrayList<>();
    long before = 0;
    int maxChunk = chunkCounts.fieldNames().stream().mapToInt(Integer::parseInt).max().orElse(-1);
    for (int n = 0; n <= maxChunk && before < offset + limit; n++) {
      long count = chunkCounts.getLong(Integer.toString(n), 0L);
      if (count > 0 && before + count > offset) {
        wanted.add(folderId + ":" + n);
        skips.add(Math.max(0, offset - before));
      }
      before += count;
    }
    if (wanted.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject query =
        new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(wanted)));
    return mongo
        .find(Collections.ITEM_LISTS, query)
        .map(
            chunks -> {
              List<String> ids = new ArrayList<>();
              for (int i = 0; i < wanted.size() && ids.size() < limit; i++) {
                String chunkId = wanted.get(i);
                JsonArray chunkIds =
                    chunks.stream()
                        .filter(c -> chunkId.equals(c.getString("_id")))
                        .findFirst()
                        .map(c -> c.getJsonArray("ids"))
                        .orElse(new JsonArray());
                for (int j = (int) (long) skips.get(i);
                    j < chunkIds.size() && ids.size() < limit;
                    j++) {
                  ids.add(chunkIds.getString(j));
                }
              }
              return ids;
            });
  }

  static long total(JsonObject chunkCounts) {
    long total = 0;
    for (String n : chunkCounts.fieldNames()) {
      total += chunkCounts.getLong(n, 0L);
    }
    return total;
  }

  Future<Void> dropFolder(List<String> folderIds) {
    // Chunk ids are folderId:n; an anchored prefix match finds them without the folder documents.
    List<Future<?>> removals = new ArrayList<>();
    for (String id : folderIds) {
      removals.add(
          mongo.removeDocuments(
              Collections.ITEM_LISTS,
              new JsonObject().put("_id", new JsonObject().put("$regex", "^" + id + ":"))));
    }
    return Future.join(removals).mapEmpty();
  }
}
