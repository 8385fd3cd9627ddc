package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.core.time.SettableClock;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * The expiration extension's purge, on a node whose clock the test moves: uploads expire 10 minutes
 * after their last bytes, the purge looks every 200 ms (real time). The 410 an expired upload
 * answers before it is purged is a row of {@link TusProtocolTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusExpiryTest {

  private static final Duration EXPIRY = Duration.ofMinutes(10);

  private TusFixture f;

  @BeforeAll
  void start() {
    f =
        new TusFixture(
            Map.of("SINFONIA_TUS_EXPIRY", "10m", "SINFONIA_TUS_PURGE_INTERVAL", "200ms"),
            SettableClock.atNow());
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @Test
  void anExpiredUploadIsPurgedWithItsFile() {
    HttpResponse<Buffer> created = f.creation(20, "late.bin").send();
    assertNotNull(created.getHeader("Upload-Expires"));
    String upload = TusFixture.location(created);
    assertEquals(204, f.patch(upload, 0, new byte[10]).send().statusCode());
    assertTrue(Files.exists(f.partialFile(upload)));
    f.advance(EXPIRY.minusSeconds(1));
    assertEquals(
        200, f.head(upload).send().statusCode(), "a second before its expiry the upload is there");
    f.advance(Duration.ofSeconds(2));
    eventually(
        () -> f.head(upload).send().statusCode() == 404 && !Files.exists(f.partialFile(upload)),
        "the expired upload and its file were never purged");
  }

  @Test
  void aFinishedUploadsRecordIsPurgedButItsFileStays() {
    HttpResponse<Buffer> created = f.creation(10, "kept.bin").bytes(new byte[10]).send();
    String fileId = created.getHeader("Sinfonia-File-Id");
    assertNotNull(fileId);
    assertNull(created.getHeader("Upload-Expires"), "a finished upload has no expiry to announce");
    String upload = TusFixture.location(created);
    f.advance(EXPIRY.plusSeconds(1));
    eventually(
        () -> f.head(upload).send().statusCode() == 404,
        "the finished upload's record was never dropped");
    assertEquals(10, f.download(fileId).length);
  }

  /** The purge runs on a real timer and announces nothing, so this polls (bounded). */
  private static void eventually(BooleanSupplier condition, String failure) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, failure);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
