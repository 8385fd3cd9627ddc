package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the indexes the service needs, idempotently, at start-up. They are designed for a real MongoDB;
 * the embedded server honours only the unique ones, which is why hot paths are keyed by {@code _id}.
 */
public final class MongoIndexes {

  private record Index(String collection, JsonObject keys, IndexOptions options) {
  }

  private static final List<Index> INDEXES = List.of(
      new Index(Collections.SESSIONS, new JsonObject().put("expiresAt", 1),
          new IndexOptions().name("sessions_ttl").expireAfter(0L, TimeUnit.SECONDS)),
      new Index(Collections.SESSIONS, new JsonObject().put("login", 1), new IndexOptions().name("sessions_login")));

  private MongoIndexes() {
  }

  public static Future<Void> ensure(MongoClient mongo) {
    Future<Void> chain = Future.succeededFuture();
    for (Index index : INDEXES) {
      chain = chain.compose(v -> mongo.createIndexWithOptions(index.collection(), index.keys(), index.options()));
    }
    return chain;
  }
}
