package org.sinfonia.verticles.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Await;

/**
 * The embedded store's faster unique-index key type keeps H2's order exactly (so stores written
 * before it stay valid), and a store written by the plain backend opens with the fast one and still
 * finds and refuses keys.
 */
class SerializedKeyTypeTest {

  @TempDir Path dir;

  private static Object randomValue(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> "s" + Integer.toString(r.nextInt(100_000), 36);
      case 1 -> r.nextInt(1000) - 500;
      case 2 -> r.nextLong();
      case 3 -> r.nextDouble();
      default -> "u:" + r.nextInt(50);
    };
  }

  @Test
  void ordersKeysExactlyAsH2Does() {
    Random r = new Random(42);
    ObjectDataType plain = new ObjectDataType();
    SerializedKeyType fast = new SerializedKeyType();
    List<KeyValue> keys = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      keys.add(
          r.nextBoolean()
              ? new KeyValue(randomValue(r))
              : new KeyValue(randomValue(r), randomValue(r)));
    }
    for (int round = 0;
        round < 3;
        round++) { // the second and third rounds compare remembered bytes
      for (KeyValue a : keys) {
        for (int j = 0; j < 40; j++) {
          KeyValue b = keys.get(r.nextInt(keys.size()));
          assertEquals(
              Integer.signum(plain.compare(a, b)),
              Integer.signum(fast.compare(a, b)),
              a + " vs " + b);
        }
      }
    }
    assertEquals(0, fast.compare(new KeyValue("x"), new KeyValue("x")));
  }

  @Test
  void aStoreWrittenByThePlainBackendOpensWithTheFastOne() {
    String file = dir.resolve("compat.mv.db").toString();
    Vertx vertx = Vertx.vertx();
    try {
      serve(
          vertx,
          new H2Backend(file),
          mongo -> {
            Await.result(
                mongo.createIndexWithOptions(
                    "c", new JsonObject().put("key", 1), new IndexOptions().unique(true)));
            List<BulkOperation> docs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
              docs.add(
                  BulkOperation.createInsert(
                      new JsonObject().put("_id", "id" + i).put("key", "k" + i)));
            }
            Await.result(mongo.bulkWrite("c", docs));
          });
      serve(
          vertx,
          new FastIndexH2Backend(file),
          mongo -> {
            for (int i = 0; i < 2000; i += 97) {
              assertNotNull(
                  Await.result(mongo.findOne("c", new JsonObject().put("_id", "id" + i), null)));
              assertNotNull(
                  Await.result(mongo.findOne("c", new JsonObject().put("key", "k" + i), null)));
            }
            Throwable refused =
                Await.result(
                    mongo
                        .insert("c", new JsonObject().put("_id", "other").put("key", "k1234"))
                        .transform(ar -> Future.succeededFuture(ar.cause())));
            assertTrue(String.valueOf(refused.getMessage()).contains("E11000"), refused.toString());
            Await.result(
                mongo.insert("c", new JsonObject().put("_id", "id-new").put("key", "k-new")));
          });
      // Reopened: documents of both forms (Java-serialized by the plain backend, BSON by the fast
      // one) read back.
      // The way back is closed: the plain backend cannot read BsonDocumentType's documents.
      serve(
          vertx,
          new FastIndexH2Backend(file),
          mongo -> {
            assertEquals(
                "k-new",
                Await.result(mongo.findOne("c", new JsonObject().put("key", "k-new"), null))
                    .getString("key"));
            assertEquals(
                "k7",
                Await.result(mongo.findOne("c", new JsonObject().put("_id", "id7"), null))
                    .getString("key"));
            assertEquals(2001L, Await.result(mongo.count("c", new JsonObject())));
          });
    } finally {
      Await.result(vertx.close());
    }
  }

  private static void serve(Vertx vertx, H2Backend backend, Consumer<MongoClient> work) {
    MongoServer server = new MongoServer(backend);
    InetSocketAddress at = server.bind();
    MongoClient mongo =
        MongoClient.create(
            vertx,
            new JsonObject()
                .put("connection_string", "mongodb://127.0.0.1:" + at.getPort())
                .put("db_name", "db"));
    try {
      work.accept(mongo);
    } finally {
      Await.result(mongo.close());
      server.shutdown();
    }
  }
}
