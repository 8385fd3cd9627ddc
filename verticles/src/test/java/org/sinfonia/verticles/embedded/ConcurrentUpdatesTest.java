package org.sinfonia.verticles.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Await;

/**
 * Updates that add and remove fields of documents while H2's background writer serializes the pages
 * holding them: the library used to change the stored document object in place, so the writer met a
 * map changing under it, failed, and closed the store for every later request. Each round also
 * reads the documents back, which saw the same object.
 */
class ConcurrentUpdatesTest {

  private static final int DOCUMENTS = 8;
  private static final int ROUNDS = 400;
  private static final int FIELDS = 200;

  @Test
  void theStoreSurvivesUpdatesWhileItWritesPagesAndKeepsTheirResult(@TempDir Path dir)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    // A small cache makes H2 write and evict pages often, while the updates run.
    EmbeddedMongo mongo = EmbeddedMongo.start(dir, 0, 1 << 20);
    try {
      MongoClient client =
          MongoClient.createShared(
              vertx,
              new JsonObject()
                  .put("connection_string", mongo.uri())
                  .put("db_name", "t")
                  .put("maxPoolSize", 8));
      for (int d = 0; d < DOCUMENTS; d++) {
        JsonObject doc = new JsonObject().put("_id", "d" + d).put("round", 0);
        for (int f = 0; f < FIELDS; f++) {
          doc.put("f" + f, "value " + f + " " + "x".repeat(40));
        }
        Await.result(client.insert("docs", doc));
      }
      List<Future<Void>> writers = new ArrayList<>();
      for (int d = 0; d < DOCUMENTS; d++) {
        writers.add(rounds(client, "d" + d, 1));
      }
      Await.result(Future.all(writers), 120);
      for (int d = 0; d < DOCUMENTS; d++) {
        JsonObject stored =
            Await.result(client.findOne("docs", new JsonObject().put("_id", "d" + d), null));
        assertEquals(ROUNDS, stored.getInteger("round"), stored.encode());
        assertEquals(ROUNDS % 2 == 0, stored.containsKey("even"), stored.encode());
        assertEquals(FIELDS + 2 + (ROUNDS % 2 == 0 ? 1 : 0), stored.size(), "fields");
      }
      client.close();
    } finally {
      mongo.close();
      Await.result(vertx.close());
    }
  }

  /** Round n sets round=n and adds the field "even" on even rounds, removes it on odd ones. */
  private static Future<Void> rounds(MongoClient client, String id, int round) {
    if (round > ROUNDS) {
      return Future.succeededFuture();
    }
    JsonObject query = new JsonObject().put("_id", id);
    JsonObject update =
        round % 2 == 0
            ? new JsonObject().put("$set", new JsonObject().put("round", round).put("even", true))
            : new JsonObject()
                .put("$set", new JsonObject().put("round", round))
                .put("$unset", new JsonObject().put("even", ""));
    return client
        .updateCollection("docs", query, update)
        .compose(r -> client.find("docs", new JsonObject()))
        .compose(all -> rounds(client, id, round + 1));
  }
}
