package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * The reference Java client (tus-java-client) against the endpoint: a whole upload, and a resume
 * after an abort.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusJavaClientTest {

  private TusFixture f;

  @BeforeAll
  void start() {
    f = new TusFixture(Map.of("SINFONIA_TUS_LOCK_WAIT", "3s", "SINFONIA_TUS_LEASE", "2s"));
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @Test
  void uploadsAWholeFile() throws Exception {
    byte[] data = TusFixture.random(3_000_000, 11);
    TusUploader uploader = client(new TusURLMemoryStore()).createUpload(upload(data, "whole.bin"));
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // each call sends one chunk of the current PATCH
    }
    uploader.finish();
    assertArrayEquals(data, f.download(fileNamed("whole.bin")));
  }

  @Test
  void resumesAfterAnAbortedPatch() throws Exception {
    byte[] data = TusFixture.random(2_000_000, 12);
    TusURLMemoryStore urls = new TusURLMemoryStore();
    TusUploader first = client(urls).createUpload(upload(data, "resumed.bin"));
    first.setChunkSize(64 * 1024);
    first.setRequestPayloadSize(data.length);
    for (int i = 0; i < 8; i++) {
      first.uploadChunk();
    }
    // The first client goes away mid-PATCH without finishing it; a new one resumes from the
    // server's offset.
    TusUploader second = client(urls).resumeOrCreateUpload(upload(data, "resumed.bin"));
    assertEquals(first.getUploadURL(), second.getUploadURL(), "resumed, not created anew");
    // The abandoned PATCH may not have synced anything yet: HEAD reports only what is durable,
    // possibly 0.
    assertTrue(
        second.getOffset() >= 0 && second.getOffset() <= 8 * 64 * 1024,
        "offset " + second.getOffset());
    second.setChunkSize(256 * 1024);
    while (second.uploadChunk() > -1) {
      // the rest
    }
    second.finish();
    assertArrayEquals(data, f.download(fileNamed("resumed.bin")));
  }

  private TusClient client(TusURLMemoryStore urls) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(new URL(f.node.url(TusFixture.UPLOADS)));
    client.enableResuming(urls);
    client.setHeaders(Map.of("Authorization", "Bearer " + f.api.token("alice")));
    return client;
  }

  private TusUpload upload(byte[] data, String name) {
    TusUpload upload = new TusUpload();
    upload.setSize(data.length);
    upload.setInputStream(new ByteArrayInputStream(data));
    upload.setFingerprint(name + "-" + data.length);
    upload.setMetadata(Map.of("filename", name, "folderId", f.sharedFolder));
    return upload;
  }

  private String fileNamed(String name) {
    JsonArray items = f.api.expectList(f.api.get("alice", "/items?folderId=" + f.sharedFolder));
    String itemId =
        items.stream()
            .map(JsonObject.class::cast)
            .filter(o -> name.equals(o.getString("name")))
            .map(o -> o.getString("id"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no item " + name));
    return f.api
        .expectList(f.api.get("alice", "/items/" + itemId + "/files"))
        .getJsonObject(0)
        .getString("id");
  }
}
