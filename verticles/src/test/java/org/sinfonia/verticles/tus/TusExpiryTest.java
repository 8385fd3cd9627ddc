package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/** The expiration extension on a node whose uploads expire at once and are purged every 200 ms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusExpiryTest {

  private TusFixture f;

  @BeforeAll
  void start() {
    f = new TusFixture(Map.of("SINFONIA_TUS_EXPIRY", "1ms", "SINFONIA_TUS_PURGE_INTERVAL", "200ms"));
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @Test
  void anExpiredUploadIsGoneThenPurgedWithItsFile() throws Exception {
    String upload = null;
    int patched = 0;
    // The purge may remove the upload between its creation and the PATCH (404); the PATCH usually comes first.
    for (int attempt = 0; attempt < 5 && patched != 410; attempt++) {
      HttpResponse<Buffer> created = f.creation(20, "late.bin").send();
      assertNotNull(created.getHeader("Upload-Expires"));
      upload = TusFixture.location(created);
      patched = f.patch(upload, 0, new byte[10]).send().statusCode();
      assertTrue(patched == 410 || patched == 404, "got " + patched);
    }
    assertEquals(410, patched, "a PATCH after expiry is 410 Gone");
    // The purge runs on a timer and announces nothing, so this polls (bounded).
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status;
    while ((status = f.head(upload).send().statusCode()) != 404 || Files.exists(f.partialFile(upload))) {
      assertTrue(status == 410 || status == 404, "got " + status);
      assertTrue(System.nanoTime() < deadline, "the expired upload and its file were never purged");
      Thread.sleep(50);
    }
  }

  @Test
  void aFinishedUploadDoesNotExpireItsFile() {
    HttpResponse<Buffer> created = f.creation(10, "kept.bin").bytes(new byte[10]).send();
    String fileId = created.getHeader("Sinfonia-File-Id");
    assertNotNull(fileId);
    assertEquals(null, created.getHeader("Upload-Expires"), "a finished upload has no expiry to announce");
    assertEquals(10, f.download(fileId).length);
  }
}
