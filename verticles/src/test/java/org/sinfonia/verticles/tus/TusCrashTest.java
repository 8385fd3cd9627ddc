package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.ServerProcess;

/**
 * {@code kill -9} of a server process in the middle of uploads, then a restart on the same data:
 * HEAD never reports more than is on disk, and resuming yields byte-identical files. One upload is
 * stopped between PATCHes (tus-java-client), one in the middle of a PATCH (a raw socket that stops
 * sending).
 */
class TusCrashTest {

  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("alice:alice-demo".getBytes(StandardCharsets.UTF_8));
  private static final int MIB = 1 << 20;

  /**
   * HTTP/1.1 only: the JDK client would otherwise try an h2c upgrade, which is not what tus clients
   * do.
   */
  private static final java.util.function.Supplier<HttpClient> HTTP =
      () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dataDir;

  @Test
  void offsetsSurviveKillMinus9AndResumingGivesIdenticalFiles() throws Exception {
    int port = freePort();
    Path conf = dataDir.resolve("crash.yaml");
    // Frequent syncs so the stalled PATCH records progress as it goes; short leases so the dead
    // node's lock frees.
    Files.writeString(conf, "repository:\n  syncEvery: 1MiB\ntus:\n  lease: 1s\n  lockWait: 5s\n");
    byte[] betweenData = TusFixture.random(8 * MIB, 21);
    byte[] midData = TusFixture.random(6 * MIB, 22);

    ServerProcess first = launch(port, conf);
    TusURLMemoryStore urls = new TusURLMemoryStore();
    TusUploader between = client(port, urls).createUpload(upload(betweenData, "between.bin"));
    between.setChunkSize(256 * 1024);
    between.setRequestPayloadSize(MIB);
    while (between.getOffset() < 4 * MIB) {
      between.uploadChunk();
    }
    String mid = create(port, midData.length, "mid.bin");
    Path midFile =
        dataDir
            .resolve("store/uploads")
            .resolve(mid.substring(mid.lastIndexOf('/') + 1) + ".upload");
    try (Socket stalled = new Socket("127.0.0.1", port)) {
      OutputStream out = stalled.getOutputStream();
      out.write(
          ("PATCH "
                  + mid
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                  + BASIC
                  + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
                  + "\r\nContent-Length: "
                  + midData.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(midData, 0, 3 * MIB + 12345);
      out.flush();
      awaitSize(midFile, 3 * MIB + 12345);
      first.kill(); // SIGKILL, mid-PATCH
    }
    long midOnDisk = Files.size(midFile);

    ServerProcess second = launch(port, conf);
    try {
      HttpResponse<Void> midHead = head(port, mid);
      assertEquals(200, midHead.statusCode());
      long midOffset = Long.parseLong(midHead.headers().firstValue("Upload-Offset").orElseThrow());
      assertTrue(
          midOffset <= midOnDisk, "HEAD " + midOffset + " is never ahead of the disk " + midOnDisk);
      // How much of the stalled PATCH was recorded depends on timing (synced stretches every MiB,
      // recorded as
      // they sync; the embedded database writes its changes out every 20 ms): anything from 0 up is
      // correct.
      System.out.printf(
          "stalled PATCH: %d bytes sent, %d on disk, %d recorded%n",
          3 * MIB + 12345, midOnDisk, midOffset);
      HttpResponse<Void> done =
          patch(port, mid, midOffset, Arrays.copyOfRange(midData, (int) midOffset, midData.length));
      assertEquals(204, done.statusCode());
      String midFileId = done.headers().firstValue("Sinfonia-File-Id").orElseThrow();
      assertEquals(TusFixture.sha256(midData), TusFixture.sha256(download(port, midFileId)));
      assertEquals(
          TusFixture.sha256(midData),
          storedSha256(port, midFileId),
          "the digest rebuilt after the restart (re-reading the kept prefix) names the content right");

      TusUploader resumed =
          client(port, urls).resumeOrCreateUpload(upload(betweenData, "between.bin"));
      assertEquals(between.getUploadURL(), resumed.getUploadURL(), "the same upload continues");
      assertEquals(4 * MIB, resumed.getOffset(), "every completed PATCH before the kill was kept");
      resumed.setChunkSize(256 * 1024);
      while (resumed.uploadChunk() > -1) {
        // the second half
      }
      resumed.finish();
      HttpResponse<Void> betweenHead = head(port, resumed.getUploadURL().getPath());
      String betweenFileId = betweenHead.headers().firstValue("Sinfonia-File-Id").orElseThrow();
      assertEquals(
          TusFixture.sha256(betweenData), TusFixture.sha256(download(port, betweenFileId)));
      assertEquals(TusFixture.sha256(betweenData), storedSha256(port, betweenFileId));
    } finally {
      second.kill();
    }
  }

  /** On a fixed port: the restarted server must be where the client's upload URLs point. */
  private ServerProcess launch(int port, Path conf) throws Exception {
    return ServerProcess.start(
        dataDir,
        "256m",
        Map.of("SINFONIA_HTTP_PORT", Integer.toString(port)),
        "run",
        "--conf",
        conf.toString());
  }

  private static TusClient client(int port, TusURLMemoryStore urls) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(new URL("http://127.0.0.1:" + port + TusFixture.UPLOADS));
    client.enableResuming(urls);
    client.setHeaders(Map.of("Authorization", BASIC));
    return client;
  }

  private static TusUpload upload(byte[] data, String name) {
    TusUpload upload = new TusUpload();
    upload.setSize(data.length);
    upload.setInputStream(new ByteArrayInputStream(data));
    upload.setFingerprint(name);
    upload.setMetadata(Map.of("filename", name));
    return upload;
  }

  private static String create(int port, long length, String name) throws Exception {
    HttpResponse<Void> r =
        send(
            port,
            HttpRequest.newBuilder(uri(port, TusFixture.UPLOADS))
                .header("Upload-Length", Long.toString(length))
                .header(
                    "Upload-Metadata",
                    "filename "
                        + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(201, r.statusCode());
    return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
  }

  private static HttpResponse<Void> head(int port, String upload) throws Exception {
    return send(
        port,
        HttpRequest.newBuilder(uri(port, upload))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<Void> patch(int port, String upload, long offset, byte[] bytes)
      throws Exception {
    return send(
        port,
        HttpRequest.newBuilder(uri(port, upload))
            .header("Upload-Offset", Long.toString(offset))
            .header("Content-Type", "application/offset+octet-stream")
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  private static byte[] download(int port, String fileId) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.get()
            .send(
                HttpRequest.newBuilder(uri(port, "/api/v1/files/" + fileId + "/download"))
                    .header("Authorization", BASIC)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  /**
   * The content address the server recorded for a file (computed in one pass, partly before the
   * restart).
   */
  private static String storedSha256(int port, String fileId) throws Exception {
    HttpResponse<String> r =
        HTTP.get()
            .send(
                HttpRequest.newBuilder(uri(port, "/api/v1/files/" + fileId))
                    .header("Authorization", BASIC)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return new io.vertx.core.json.JsonObject(r.body()).getString("sha256");
  }

  private static HttpResponse<Void> send(int port, HttpRequest.Builder request) throws Exception {
    return HTTP.get()
        .send(
            request.header("Authorization", BASIC).header("Tus-Resumable", "1.0.0").build(),
            HttpResponse.BodyHandlers.discarding());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The killed server gives no event when its bytes reach the disk, so this polls, bounded. */
  private static void awaitSize(Path file, long bytes) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(file) || Files.size(file) < bytes) {
      assertTrue(System.nanoTime() < deadline, "the stalled PATCH's bytes never reached " + file);
      Thread.sleep(10);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
