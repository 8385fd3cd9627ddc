package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.core.blob.FsBlobStore;
import org.sinfonia.core.time.SettableClock;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;
import org.sinfonia.verticles.tree.BlobSweeper;

/**
 * Stored content shared by files, freed with the last of them after a grace period (an hour here,
 * on a clock the test moves instead of sleeping), taken back by an upload of the same content
 * meanwhile, and never lost to a removal that races with such an upload.
 */
@ExtendWith(NoBlockedThreads.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlobLifecycleTest {

  private static final Duration GRACE = Duration.ofHours(1);

  private TestNode node;
  private Api api;
  private String folder;
  private MongoClient mongo;
  private final SettableClock clock = SettableClock.atNow();

  /**
   * Swept by the test when it has moved the clock; the node's own sweep (every 10 min here) never
   * runs first.
   */
  private BlobSweeper sweeper;

  @BeforeAll
  void start() throws Exception {
    node = TestNode.start(Map.of("SINFONIA_BLOB_GRACE_PERIOD", GRACE.toSeconds() + "s"), clock);
    api = Api.demo(node);
    folder = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
    sweeper =
        new BlobSweeper(
            node.vertx, mongo, new FsBlobStore(node.dataDir.resolve("store")), GRACE, clock);
  }

  @AfterAll
  void stop() {
    Await.result(mongo.close());
    node.close();
  }

  @Test
  void aSharedBlobIsFreedAfterItsLastFileAndTheGracePeriod() throws Exception {
    byte[] data = random(4096, 99);
    Path blob = blobPath(sha256(data));
    JsonObject first = api.upload("alice", folder, "shared-1.bin", data);
    JsonObject second = api.upload("alice", folder, "shared-2.bin", data);
    assertTrue(Files.exists(blob));
    api.expect(204, api.delete("alice", "/files/" + first.getString("id")));
    clock.advance(GRACE.plusMinutes(1));
    Await.result(sweeper.sweep());
    assertTrue(Files.exists(blob), "still referenced by the second file");
    api.expect(200, api.get("alice", "/files/" + second.getString("id") + "/download"));
    api.expect(204, api.delete("alice", "/items/" + second.getString("itemId")));
    clock.advance(GRACE.minusMinutes(1));
    Await.result(sweeper.sweep());
    assertTrue(Files.exists(blob), "kept for the grace period");
    clock.advance(Duration.ofMinutes(2));
    assertTrue(Await.result(sweeper.sweep()) >= 1, "due once the grace period is over");
    assertFalse(Files.exists(blob));
    assertEquals(null, refs(sha256(data)), "its reference record goes with it");
  }

  @Test
  void theSameContentUploadedDuringTheGracePeriodTakesTheBlobBack() throws Exception {
    byte[] data = random(8192, 100);
    String sha = sha256(data);
    JsonObject first = api.upload("alice", folder, "again-1.bin", data);
    api.expect(204, api.delete("alice", "/items/" + first.getString("itemId")));
    assertTrue(refs(sha).containsKey("freedAt"), "marked freed, not removed");
    JsonObject again = api.upload("alice", folder, "again-2.bin", data);
    assertFalse(refs(sha).containsKey("freedAt"));
    clock.advance(GRACE.plusMinutes(1));
    Await.result(sweeper.sweep());
    assertTrue(Files.exists(blobPath(sha)));
    HttpResponse<Buffer> download =
        api.get("alice", "/files/" + again.getString("id") + "/download");
    assertArrayEquals(data, download.body().getBytes());
  }

  @Test
  void aBlobTakenAgainWhileBeingRemovedIsPutBack() throws Exception {
    // The moment the race leaves behind: the sweeper claimed the blob and moved it aside, and an
    // upload that had
    // found it present registered a file on it in between. Settling (also run at start-up) puts it
    // back.
    byte[] data = random(5000, 101);
    String sha = sha256(data);
    JsonObject file = api.upload("alice", folder, "raced.bin", data);
    FsBlobStore blobs = new FsBlobStore(node.dataDir.resolve("store"));
    assertTrue(blobs.retire(sha));
    assertFalse(Files.exists(blobPath(sha)));
    assertEquals(1, Await.result(sweeper.recover()));
    assertTrue(Files.exists(blobPath(sha)), "put back: a file references it");
    assertArrayEquals(
        data, api.get("alice", "/files/" + file.getString("id") + "/download").body().getBytes());

    // Unreferenced, the same leftover goes for good.
    byte[] other = random(6000, 102);
    String otherSha = sha256(other);
    JsonObject gone = api.upload("alice", folder, "gone.bin", other);
    api.expect(204, api.delete("alice", "/items/" + gone.getString("itemId")));
    Await.result(
        mongo.removeDocument(Collections.BLOB_REFS, new JsonObject().put("_id", otherSha)));
    assertTrue(blobs.retire(otherSha));
    Await.result(sweeper.recover());
    assertFalse(Files.exists(blobPath(otherSha)));
    assertTrue(blobs.retired().isEmpty());
  }

  private JsonObject refs(String sha) {
    return Await.result(
        mongo.findOne(Collections.BLOB_REFS, new JsonObject().put("_id", sha), null));
  }

  private Path blobPath(String sha) {
    return node.dataDir
        .resolve("store/blobs")
        .resolve(sha.substring(0, 2))
        .resolve(sha.substring(2, 4))
        .resolve(sha);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
