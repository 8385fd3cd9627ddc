package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import org.sinfonia.web.auth.FailureLog;

/**
 * Failed-login times per key ({@code _id}), capped with {@code $push}/{@code $slice} in one atomic
 * update.
 */
public final class MongoFailureLog implements FailureLog {

  private final MongoClient mongo;

  public MongoFailureLog(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<List<Long>> recent(String key) {
    return mongo
        .findOne(Collections.LOGIN_FAILURES, new JsonObject().put("_id", key), null)
        .map(
            doc ->
                doc == null
                    ? List.<Long>of()
                    : doc.getJsonArray("times", new JsonArray()).stream()
                        .map(t -> ((Number) t).longValue())
                        .toList());
  }

  @Override
  public Future<Void> record(String key, long atMillis, int keep) {
    JsonObject push =
        new JsonObject()
            .put(
                "times",
                new JsonObject().put("$each", new JsonArray().add(atMillis)).put("$slice", -keep));
    return mongo
        .updateCollectionWithOptions(
            Collections.LOGIN_FAILURES,
            new JsonObject().put("_id", key),
            new JsonObject().put("$push", push),
            new UpdateOptions().setUpsert(true))
        .mapEmpty();
  }

  @Override
  public Future<Void> clear(String key) {
    return mongo
        .removeDocument(Collections.LOGIN_FAILURES, new JsonObject().put("_id", key))
        .mapEmpty();
  }
}
