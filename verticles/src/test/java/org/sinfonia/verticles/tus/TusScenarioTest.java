package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sinfonia.verticles.tus.TusFixture.UPLOADS;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * Whole uploads: resumes, folder drops, checksums, locks, access at completion, expiry and CORS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusScenarioTest {

  private static final String ORIGIN = "https://viewer.example.org";

  private TusFixture f;

  @BeforeAll
  void start() {
    f =
        new TusFixture(
            Map.of(
                "SINFONIA_TUS_LOCK_WAIT",
                "3s",
                "SINFONIA_TUS_LEASE",
                "2s",
                "SINFONIA_CORS_ORIGINS",
                ORIGIN));
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @Test
  void anUploadInManyPatchesIsByteIdenticalAndLandsInItsFolderHierarchy() {
    byte[] data = TusFixture.random(700_000, 1);
    String upload =
        TusFixture.location(
            f.creation(data.length, "ct-001.dcm")
                .metadata(
                    "filename",
                    "ct-001.dcm",
                    "folderId",
                    f.sharedFolder,
                    "filetype",
                    "application/dicom",
                    "relativePath",
                    "Patient 7/CT/ct-001.dcm")
                .send());
    String fileId = null;
    for (int at = 0; at < data.length; at += 100_000) {
      HttpResponse<Buffer> r =
          f.patch(upload, at, Arrays.copyOfRange(data, at, Math.min(data.length, at + 100_000)))
              .send();
      assertEquals(204, r.statusCode(), r.bodyAsString());
      assertEquals(
          Math.min(data.length, at + 100_000), Long.parseLong(r.getHeader("Upload-Offset")));
      fileId = r.getHeader("Sinfonia-File-Id");
    }
    assertNotNull(fileId, "the last PATCH names the file");
    assertArrayEquals(data, f.download(fileId));
    JsonObject file = f.api.expect(200, f.api.get("alice", "/files/" + fileId));
    assertEquals(TusFixture.sha256(data), file.getString("sha256"));
    assertEquals("application/dicom", file.getString("mimeType"));
    String patient = childFolder(f.sharedFolder, "Patient 7");
    String ct = childFolder(patient, "CT");
    assertEquals(
        ct, file.getString("folderId"), "the file sits in the folder its relativePath names");
    assertFalse(
        Files.exists(f.partialFile(upload)),
        "the partial file became the blob (renamed, not copied)");
    HttpResponse<Buffer> head = f.head(upload).send();
    assertEquals(
        fileId, head.getHeader("Sinfonia-File-Id"), "HEAD after completion names the file too");
  }

  @Test
  void aDicomFileSentInSmallPatchesIsIndexedLikeAnyOtherUpload(@TempDir Path dir) throws Exception {
    byte[] data =
        Files.readAllBytes(
            DicomFiles.ct(
                dir, "1.2.826.7.1", "1.2.826.7.1.1", "1.2.826.7.1.1.1", "Tus^Tina", "P-7", "CT"));
    String upload = f.create("alice", data.length, "ct.dcm");
    String fileId = null;
    for (int at = 0; at < data.length; at += 97) { // the header parser's state crosses every PATCH
      HttpResponse<Buffer> r =
          f.patch(upload, at, Arrays.copyOfRange(data, at, Math.min(data.length, at + 97))).send();
      assertEquals(204, r.statusCode(), r.bodyAsString());
      fileId = r.getHeader("Sinfonia-File-Id");
    }
    JsonObject dicom =
        f.api.expect(200, f.api.get("alice", "/files/" + fileId)).getJsonObject("dicom");
    assertEquals("1.2.826.7.1.1.1", dicom.getString("sopInstanceUid"));
    assertTrue(
        dicom.getBoolean("indexed"), "the DICOM index listener ran, as for the simple upload");

    String a = f.partial("alice", Arrays.copyOfRange(data, 0, 200));
    String b = f.partial("alice", Arrays.copyOfRange(data, 200, data.length));
    HttpResponse<Buffer> joined =
        f.request(HttpMethod.POST, UPLOADS)
            .metadata("filename", "joined.dcm", "folderId", f.sharedFolder)
            .header("Upload-Concat", "final;" + a + " " + b)
            .send();
    assertEquals(201, joined.statusCode(), joined.bodyAsString());
    JsonObject joinedDicom =
        f.api
            .expect(200, f.api.get("alice", "/files/" + joined.getHeader("Sinfonia-File-Id")))
            .getJsonObject("dicom");
    assertEquals(
        "1.2.826.7.1.1.1",
        joinedDicom.getString("sopInstanceUid"),
        "parsed while the parts were joined");
  }

  @Test
  void extractTrueInTheMetadataUnpacksTheZipIntoItsFolderOnCompletion() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    byte[] inner = TusFixture.random(20_000, 8);
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("tus unpacked/inner.bin"));
      zip.write(inner);
    }
    byte[] data = bytes.toByteArray();
    assertEquals(
        400,
        f.creation(data.length, "bad.zip")
            .metadata(
                "filename",
                "bad.zip",
                "folderId",
                f.sharedFolder,
                "extract",
                "true",
                "onConflict",
                "merge")
            .send()
            .statusCode(),
        "an unknown policy is refused at creation");
    String upload =
        TusFixture.location(
            f.creation(data.length, "batch.zip")
                .metadata(
                    "filename",
                    "batch.zip",
                    "folderId",
                    f.sharedFolder,
                    "extract",
                    "true",
                    "onConflict",
                    "rename")
                .send());
    HttpResponse<Buffer> done = f.patch(upload, 0, data).send();
    assertEquals(204, done.statusCode(), done.bodyAsString());
    String fileId = done.getHeader("Sinfonia-File-Id");
    JsonObject job =
        f.api.expectList(f.api.get("alice", "/jobs?limit=500")).stream()
            .map(JsonObject.class::cast)
            .filter(j -> fileId.equals(j.getJsonObject("params").getString("fileId")))
            .findFirst()
            .orElseThrow();
    assertEquals("tus", job.getJsonObject("params").getString("origin"));
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    while (List.of("queued", "running").contains(job.getString("state"))) {
      assertTrue(java.time.Instant.now().isBefore(deadline), job.encode());
      Await.result(f.node.vertx.timer(50));
      job = f.api.expect(200, f.api.get("alice", "/jobs/" + job.getString("id")));
    }
    assertEquals("done", job.getString("state"), job.encode());
    String unpacked =
        f
            .api
            .expectList(f.api.get("alice", "/folders?parentType=folder&parentId=" + f.sharedFolder))
            .stream()
            .map(JsonObject.class::cast)
            .filter(x -> x.getString("name").equals("tus unpacked"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    JsonObject item =
        f.api.expectList(f.api.get("alice", "/items?folderId=" + unpacked)).getJsonObject(0);
    String innerId =
        f.api
            .expectList(f.api.get("alice", "/items/" + item.getString("id") + "/files"))
            .getJsonObject(0)
            .getString("id");
    assertArrayEquals(inner, f.download(innerId));
  }

  @Test
  void aRejectedChecksumLeavesTheOffsetAndTheNextPatchContinuesCleanly() {
    byte[] data = TusFixture.random(64_000, 2);
    String upload = f.create("alice", data.length, "checked.bin");
    assertEquals(204, f.patch(upload, 0, Arrays.copyOf(data, 32_000)).send().statusCode());
    byte[] rest = Arrays.copyOfRange(data, 32_000, data.length);
    HttpResponse<Buffer> bad =
        f.patch(upload, 32_000, rest)
            .header("Upload-Checksum", "sha256 " + Base64.getEncoder().encodeToString(new byte[32]))
            .send();
    assertEquals(460, bad.statusCode());
    assertEquals(
        "32000",
        f.head(upload).send().getHeader("Upload-Offset"),
        "the rejected bytes were discarded");
    HttpResponse<Buffer> good = f.patch(upload, 32_000, rest).send();
    assertEquals(204, good.statusCode());
    assertArrayEquals(data, f.download(good.getHeader("Sinfonia-File-Id")));
  }

  @Test
  void parallelPartsJoinInOrder() {
    byte[] data = TusFixture.random(300_000, 3);
    String a = f.partial("alice", Arrays.copyOfRange(data, 0, 100_000));
    String b = f.partial("alice", Arrays.copyOfRange(data, 100_000, 250_000));
    String c = f.partial("alice", Arrays.copyOfRange(data, 250_000, 300_000));
    HttpResponse<Buffer> joined =
        f.request(HttpMethod.POST, UPLOADS)
            .metadata("filename", "joined.bin", "folderId", f.sharedFolder)
            .header("Upload-Concat", "final;" + f.node.url(a) + " " + b + " " + c)
            .send();
    assertEquals(201, joined.statusCode(), joined.bodyAsString());
    assertArrayEquals(data, f.download(joined.getHeader("Sinfonia-File-Id")));
    assertTrue(joined.getHeader("Upload-Concat").startsWith("final;"));
    assertEquals(404, f.head(a).send().statusCode(), "parts are consumed by the final upload");
  }

  @Test
  void aSecondPatchWhileOneIsInFlightIsRefusedAndTheFirstKeepsWhatArrived() throws Exception {
    String upload = f.create("alice", 100, "locked.bin");
    HttpClient http = f.node.vertx.createHttpClient();
    try {
      HttpClientRequest stalled = startPatch(http, upload, 0, 100, 10);
      awaitStored(upload, 10);
      HttpResponse<Buffer> second = f.patch(upload, 0, new byte[100]).send();
      assertTrue(Set.of(409, 423).contains(second.statusCode()), "got " + second.statusCode());
      assertEquals(
          "10",
          f.head(upload).send().getHeader("Upload-Offset"),
          "the cut PATCH kept its 10 bytes");
      boolean cut =
          Await.result(
              stalled
                  .response()
                  .transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed())));
      assertTrue(cut, "the stalled PATCH's connection was closed");
    } finally {
      http.close();
    }
  }

  @Test
  void aHeadFromAClientThatLostItsConnectionDoesNotWaitForItsDeadPatch() throws Exception {
    byte[] data = TusFixture.random(50, 4);
    String upload = f.create("alice", data.length, "resumed.bin");
    HttpClient http = f.node.vertx.createHttpClient();
    try {
      startPatch(http, upload, 0, data.length, 20, data);
      awaitStored(upload, 20);
      long started = System.nanoTime();
      HttpResponse<Buffer> head = f.head(upload).send();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(200, head.statusCode());
      assertEquals("20", head.getHeader("Upload-Offset"));
      assertTrue(millis < 2_000, "HEAD took " + millis + " ms (lease 2 s, wait 3 s)");
      HttpResponse<Buffer> rest =
          f.patch(upload, 20, Arrays.copyOfRange(data, 20, data.length)).send();
      assertEquals(204, rest.statusCode(), rest.bodyAsString());
      assertArrayEquals(data, f.download(rest.getHeader("Sinfonia-File-Id")));
    } finally {
      http.close();
    }
  }

  @Test
  void writeIsCheckedAgainAtCompletionAndTheBytesWaitForIt() {
    String folder =
        f.api.id(
            201,
            f.api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", f.sharedFolder)
                    .put("name", "Revoked")));
    byte[] data = TusFixture.random(1_000, 5);
    String upload =
        TusFixture.location(
            f.request(HttpMethod.POST, UPLOADS)
                .header("Upload-Length", data.length)
                .metadata("filename", "late.bin", "folderId", folder)
                .send());
    assertEquals(204, f.patch(upload, 0, Arrays.copyOf(data, 500)).send().statusCode());
    f.api.expect(200, f.api.put("admin", "/folders/" + folder + "/access", acl("alice", 0)));
    HttpResponse<Buffer> last =
        f.patch(upload, 500, Arrays.copyOfRange(data, 500, data.length)).send();
    assertEquals(403, last.statusCode(), last.bodyAsString());
    f.api.expect(200, f.api.put("admin", "/folders/" + folder + "/access", acl("alice", 1)));
    HttpResponse<Buffer> head = f.head(upload).send();
    assertEquals("1000", head.getHeader("Upload-Offset"));
    assertArrayEquals(
        data, f.download(head.getHeader("Sinfonia-File-Id")), "HEAD finished the completion");
  }

  @Test
  void corsPreflightAndExposedHeadersForBrowsers() {
    HttpResponse<Buffer> preflight =
        Await.result(
            f.node
                .client
                .request(HttpMethod.OPTIONS, UPLOADS)
                .putHeader("Origin", ORIGIN)
                .putHeader("Access-Control-Request-Method", "PATCH")
                .putHeader(
                    "Access-Control-Request-Headers",
                    "tus-resumable,upload-offset,upload-checksum,authorization")
                .send());
    assertTrue(
        preflight.statusCode() == 200 || preflight.statusCode() == 204,
        "got " + preflight.statusCode());
    assertEquals(ORIGIN, preflight.getHeader("Access-Control-Allow-Origin"));
    assertTrue(preflight.getHeader("Access-Control-Allow-Methods").contains("PATCH"));
    HttpResponse<Buffer> created = f.creation(10, "cors.bin").header("Origin", ORIGIN).send();
    assertEquals(201, created.statusCode());
    String exposed = created.getHeader("Access-Control-Expose-Headers");
    for (String h :
        List.of(
            "Location", "Upload-Offset", "Upload-Expires", "Tus-Resumable", "Sinfonia-File-Id")) {
      assertTrue(exposed.contains(h), h + " is exposed: " + exposed);
    }
    HttpResponse<Buffer> foreign =
        f.creation(10, "cors.bin").header("Origin", "https://evil.example").send();
    assertEquals(null, foreign.getHeader("Access-Control-Allow-Origin"));
  }

  private HttpClientRequest startPatch(
      HttpClient http, String upload, long offset, int declared, int send, byte[]... data) {
    HttpClientRequest request =
        Await.result(
            http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.PATCH)
                    .setHost("127.0.0.1")
                    .setPort(f.node.port())
                    .setURI(upload)
                    .putHeader("Authorization", "Bearer " + f.api.token("alice"))
                    .putHeader("Tus-Resumable", "1.0.0")
                    .putHeader("Upload-Offset", Long.toString(offset))
                    .putHeader("Content-Type", "application/offset+octet-stream")
                    .putHeader("Content-Length", Integer.toString(declared))));
    byte[] bytes = data.length > 0 ? Arrays.copyOf(data[0], send) : new byte[send];
    Await.result(request.write(Buffer.buffer(bytes)));
    return request;
  }

  /**
   * The server gives no event when a stalled body's bytes reach the disk, so this polls, bounded.
   */
  private void awaitStored(String upload, long bytes) throws Exception {
    Path file = f.partialFile(upload);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.size(file) < bytes) {
      assertTrue(System.nanoTime() < deadline, "the stalled PATCH's bytes never reached the disk");
      Thread.sleep(10);
    }
  }

  private String childFolder(String parentId, String name) {
    JsonArray folders =
        f.api.expectList(f.api.get("alice", "/folders?parentType=folder&parentId=" + parentId));
    return folders.stream()
        .map(JsonObject.class::cast)
        .filter(o -> name.equals(o.getString("name")))
        .map(o -> o.getString("id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no folder " + name));
  }

  private static JsonObject acl(String user, int level) {
    return new JsonObject()
        .put("public", false)
        .put("groups", new JsonArray())
        .put("users", new JsonArray().add(new JsonObject().put("login", user).put("level", level)));
  }
}
