package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;
import org.sinfonia.web.tus.UploadLocks;

/**
 * What a PATCH leaves behind for the next one: the offsets it records (written in this boot, synced
 * after it answered) and which of them a node trusts, and the lock it keeps a moment for the
 * client's next PATCH.
 */
@ExtendWith(NoBlockedThreads.class)
class TusDurabilityTest {

  private static final int MIB = 1 << 20;

  @Test
  void anOffsetWrittenInAnotherBootCountsOnlyAsFarAsItWasSynced() throws Exception {
    // No handover: each request reads the upload afresh, as a node restarted after a power loss
    // would.
    try (TusFixture f = new TusFixture(Map.of("SINFONIA_TUS_LOCK_HANDOVER", "0s"));
        Uploads uploads = new Uploads(f)) {
      byte[] data = TusFixture.random(3 * MIB, 11);
      String upload = f.create("alice", data.length, "power-loss.bin");
      f.patch(upload, 0, Arrays.copyOfRange(data, 0, MIB)).expect(204);
      f.patch(upload, MIB, Arrays.copyOfRange(data, MIB, 2 * MIB)).expect(204);
      JsonObject record = uploads.awaitSynced(upload, 2L * MIB);
      assertEquals(
          BootId.current(), record.getString("offsetBoot"), "the written offset names this boot");

      // Still this boot, sync not yet recorded (a process killed right after answering): the
      // written bytes are
      // in the file, so the written offset stands.
      uploads.set(upload, new JsonObject().put("syncedOffset", 0L));
      assertEquals("2097152", f.head(upload).send().getHeader("Upload-Offset"));

      // The machine went down after the first PATCH's sync only: another boot trusts the synced
      // offset alone.
      uploads.set(
          upload,
          new JsonObject().put("offsetBoot", "an-earlier-boot").put("syncedOffset", (long) MIB));
      assertEquals(String.valueOf(MIB), f.head(upload).send().getHeader("Upload-Offset"));
      f.patch(upload, 2L * MIB, new byte[] {1}).expect(409);

      // The client resumes from there; the file is cut back and the result is byte-identical.
      HttpResponse<Buffer> last =
          f.patch(upload, MIB, Arrays.copyOfRange(data, MIB, data.length)).expect(204);
      String fileId = last.getHeader("Sinfonia-File-Id");
      assertNotNull(fileId, "the last PATCH names the file");
      assertArrayEquals(data, f.download(fileId));
    }
  }

  @Test
  void theLockStaysForTheClientsNextPatchAndGoesToAnotherNodeThatAsks() throws Exception {
    try (TusFixture f = new TusFixture(Map.of("SINFONIA_TUS_LOCK_HANDOVER", "30s"));
        Uploads uploads = new Uploads(f)) {
      byte[] data = TusFixture.random(3 * MIB, 12);
      String upload = f.create("alice", data.length, "handover.bin");
      f.patch(upload, 0, Arrays.copyOfRange(data, 0, MIB)).expect(204);
      JsonObject parked = uploads.lock(upload);
      assertNotNull(parked, "after a PATCH the node keeps the lock for the next one");
      f.patch(upload, MIB, Arrays.copyOfRange(data, MIB, 2 * MIB)).expect(204);
      assertEquals(
          parked.getString("holder"),
          uploads.lock(upload).getString("holder"),
          "the next PATCH took the kept lock back instead of taking a new one");

      // Another node (its own locks on the same database) asks: it gets the lock long before the
      // kept one's
      // lease or handover would run out, and the first node takes a new one afterwards.
      MongoUploadLocks elsewhere =
          new MongoUploadLocks(
              f.node.vertx,
              uploads.mongo,
              Duration.ofSeconds(8),
              Duration.ofSeconds(10),
              Duration.ZERO,
              Clock.systemUTC());
      long asked = System.nanoTime();
      UploadLocks.UploadLease taken = Await.result(elsewhere.acquire(id(upload), () -> {}));
      assertTrue(
          Duration.ofNanos(System.nanoTime() - asked).compareTo(Duration.ofSeconds(5)) < 0,
          "handed over on the holder's next renewal, not when its lease ran out");
      assertTrue(taken.kept().isEmpty(), "another node reads the upload afresh");
      Await.result(taken.release());
      assertNull(uploads.lock(upload));

      HttpResponse<Buffer> last =
          f.patch(upload, 2L * MIB, Arrays.copyOfRange(data, 2 * MIB, data.length)).expect(204);
      assertArrayEquals(data, f.download(last.getHeader("Sinfonia-File-Id")));
    }
  }

  @Test
  void aGracefulStopHandsBackTheLocksItKept() throws Exception {
    TusFixture f = new TusFixture(Map.of("SINFONIA_TUS_LOCK_HANDOVER", "30s"));
    String upload;
    try (Uploads uploads = new Uploads(f)) {
      upload = f.create("alice", 2 * MIB, "restart.bin");
      f.patch(upload, 0, TusFixture.random(MIB, 13)).expect(204);
      assertNotNull(uploads.lock(upload), "kept for the next PATCH");
    }
    f.node.stop();
    try (TestNode again = TestNode.start(Map.of("SINFONIA_DATA_DIR", f.node.dataDir.toString()))) {
      MongoClient mongo =
          MongoClient.create(
              again.vertx,
              new JsonObject()
                  .put("connection_string", again.node.mongoUri())
                  .put("db_name", again.config.mongo().database()));
      JsonObject lock =
          Await.result(
              mongo.findOne(
                  Collections.UPLOAD_LOCKS, new JsonObject().put("_id", id(upload)), null));
      Await.result(mongo.close());
      assertNull(
          lock, "released on stop: the restarted node does not wait for the lease to run out");
    }
  }

  private static String id(String upload) {
    return upload.substring(upload.lastIndexOf('/') + 1);
  }

  /** Direct access to the node's upload records and locks. */
  private static final class Uploads implements AutoCloseable {

    final MongoClient mongo;

    Uploads(TusFixture f) {
      mongo =
          MongoClient.create(
              f.node.vertx,
              new JsonObject()
                  .put("connection_string", f.node.node.mongoUri())
                  .put("db_name", f.node.config.mongo().database()));
    }

    JsonObject record(String upload) {
      return Await.result(
          mongo.findOne(Collections.UPLOADS, new JsonObject().put("_id", id(upload)), null));
    }

    JsonObject lock(String upload) {
      return Await.result(
          mongo.findOne(Collections.UPLOAD_LOCKS, new JsonObject().put("_id", id(upload)), null));
    }

    void set(String upload, JsonObject fields) {
      Await.result(
          mongo.updateCollection(
              Collections.UPLOADS,
              new JsonObject().put("_id", id(upload)),
              new JsonObject().put("$set", fields)));
    }

    /** The sync after a PATCH is recorded shortly after the PATCH answered. */
    JsonObject awaitSynced(String upload, long offset) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (true) {
        JsonObject r = record(upload);
        if (r.getLong("syncedOffset", 0L) >= offset || System.nanoTime() > deadline) {
          assertEquals(offset, r.getLong("syncedOffset", 0L), r.encode());
          return r;
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() {
      Await.result(mongo.close());
    }
  }
}
