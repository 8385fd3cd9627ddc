package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sinfonia.verticles.mongo.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run after an unclean stop: new files are registered as items first and files after ({@link
 * ItemsWithFiles}), so a node that died in between left items that count a file they do not have.
 * Their uploads were never answered, and a retry would find the name taken. Such items created
 * since {@code since} (shortly before the node was last known alive) are looked at again after
 * {@code settle} (another node may be between those two writes right now) and removed with their
 * list positions; their size had not reached the folders yet, so nothing else changes.
 */
public final class TreeRepair {

  private static final Logger LOG = LoggerFactory.getLogger(TreeRepair.class);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final ItemLists itemLists;
  private final Duration settle;

  public TreeRepair(Vertx vertx, MongoClient mongo, Duration settle) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.itemLists = new ItemLists(mongo);
    this.settle = settle;
  }

  /** Completes with the number of items removed. */
  public Future<Integer> run(Instant since) {
    return itemsWithoutTheirFile(since)
        .compose(
            items ->
                items.isEmpty()
                    ? Future.succeededFuture(items)
                    : vertx.timer(Math.max(1, settle.toMillis())).compose(v -> stillWithout(items)))
        .compose(this::removeAll);
  }

  private Future<List<JsonObject>> itemsWithoutTheirFile(Instant since) {
    JsonObject query =
        new JsonObject()
            .put("created", new JsonObject().put("$gte", TreeDocuments.date(since)))
            .put("fileCount", 1L);
    return mongo
        .findWithOptions(
            Collections.ITEMS,
            query,
            new FindOptions()
                .setFields(
                    new JsonObject()
                        .put("_id", 1)
                        .put("folderId", 1)
                        .put("listChunk", 1)
                        .put("name", 1)))
        .compose(this::stillWithout);
  }

  private Future<List<JsonObject>> stillWithout(List<JsonObject> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture(items);
    }
    JsonArray ids = new JsonArray(items.stream().map(i -> i.getString("_id")).toList());
    return mongo
        .findWithOptions(
            Collections.FILES,
            new JsonObject().put("itemId", new JsonObject().put("$in", ids)),
            new FindOptions().setFields(new JsonObject().put("itemId", 1)))
        .map(
            files -> {
              Set<String> withFile = new HashSet<>();
              files.forEach(f -> withFile.add(f.getString("itemId")));
              return items.stream().filter(i -> !withFile.contains(i.getString("_id"))).toList();
            });
  }

  private Future<Integer> removeAll(List<JsonObject> items) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (JsonObject item : items) {
      // Only while it still counts one file: a file registered into it meanwhile keeps it.
      chain =
          chain.compose(
              n ->
                  mongo
                      .removeDocuments(
                          Collections.ITEMS,
                          new JsonObject().put("_id", item.getString("_id")).put("fileCount", 1L))
                      .compose(
                          r ->
                              r == null || r.getRemovedCount() == 0
                                  ? Future.succeededFuture(n)
                                  : itemLists
                                      .remove(
                                          item.getString("folderId"),
                                          item.getInteger("listChunk", 0),
                                          item.getString("_id"))
                                      .map(n + 1)));
    }
    return chain.onSuccess(
        n -> {
          if (n > 0) {
            LOG.warn(
                "removed {} item(s) whose file an unclean stop had kept from being registered", n);
          }
        });
  }
}
