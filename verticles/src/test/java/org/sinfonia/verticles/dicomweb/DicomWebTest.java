package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/** STOW-RS, QIDO-RS and WADO-RS end to end through a real socket with dcmtk-generated files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class DicomWebTest {

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    web.warmUp(dir);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void storeSearchRetrieve() throws Exception {
    Path a =
        DicomFiles.ct(
            dir, "1.2.826.9.1", "1.2.826.9.1.1", "1.2.826.9.1.1.1", "Doe^Jane", "P-9", "CT");
    Path b =
        DicomFiles.ct(
            dir, "1.2.826.9.1", "1.2.826.9.1.2", "1.2.826.9.1.2.1", "Doe^Jane", "P-9", "PT");
    HttpResponse<Buffer> r =
        web.stow("alice", "/dicom-web/studies", DicomWeb.multipart(List.of(a, b)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject answer = r.bodyAsJsonObject();
    assertEquals(2, answer.getJsonObject("00081199").getJsonArray("Value").size());
    assertTrue(
        answer
            .getJsonObject("00081190")
            .getJsonArray("Value")
            .getString(0)
            .endsWith("/studies/1.2.826.9.1"));

    JsonArray studies =
        web.qido("alice", "/dicom-web/studies?PatientName=doe*&includefield=00081030");
    assertEquals(1, studies.size(), studies.encodePrettily());
    JsonObject st = studies.getJsonObject(0);
    assertEquals(2, st.getJsonObject("00201208").getJsonArray("Value").getInteger(0));
    assertEquals(
        new JsonArray().add("CT").add("PT"), st.getJsonObject("00080061").getJsonArray("Value"));

    JsonArray series = web.qido("alice", "/dicom-web/studies/1.2.826.9.1/series");
    assertEquals(2, series.size());
    JsonArray instances =
        web.qido("alice", "/dicom-web/studies/1.2.826.9.1/series/1.2.826.9.1.1/instances");
    assertEquals(1, instances.size());

    HttpResponse<Buffer> meta =
        web.get("alice", "/dicom-web/studies/1.2.826.9.1/series/1.2.826.9.1.1/metadata");
    assertEquals(200, meta.statusCode(), meta.bodyAsString());
    JsonObject m = meta.bodyAsJsonArray().getJsonObject(0);
    String bulk = m.getJsonObject("7FE00010").getString("BulkDataURI");
    assertTrue(bulk.startsWith("http://"), bulk);
    assertTrue(!m.containsKey("00020010"), "no file meta in metadata");
    String bulkPath = bulk.substring(bulk.indexOf("/dicom-web"));
    HttpResponse<Buffer> ranged =
        io.vertx.core.Future.succeededFuture()
            .compose(
                x ->
                    web.request("alice", io.vertx.core.http.HttpMethod.GET, bulkPath)
                        .putHeader("Accept", "application/octet-stream")
                        .putHeader("Range", "bytes=2-17")
                        .send())
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    assertEquals(206, ranged.statusCode());
    assertEquals(16, ranged.body().length());
    assertEquals("bytes 2-17/128", ranged.getHeader("Content-Range"));
    assertEquals(0x10, ranged.body().getByte(0), "the second pixel, 0x0010 little endian");

    HttpResponse<Buffer> wado =
        web.get(
            "alice",
            "/dicom-web/studies/1.2.826.9.1",
            "multipart/related; type=\"application/dicom\"");
    assertEquals(200, wado.statusCode(), wado.bodyAsString());
    assertTrue(wado.body().length() > Files.size(a) + Files.size(b));

    HttpResponse<Buffer> frame =
        web.get(
            "alice",
            "/dicom-web/studies/1.2.826.9.1/series/1.2.826.9.1.1/instances/1.2.826.9.1.1.1/frames/1",
            "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
    assertEquals(200, frame.statusCode(), frame.bodyAsString());

    assertEquals(
        0, web.qido("bob", "/dicom-web/studies").size(), "bob cannot read alice's home folder");

    String in = "/dicom-web/studies/1.2.826.9.1/series/1.2.826.9.1.1/instances/1.2.826.9.1.1.1";
    HttpResponse<Buffer> png = web.get("alice", in + "/rendered?window=400,800", "image/png");
    assertEquals(200, png.statusCode(), png.bodyAsString());
    assertEquals("image/png", png.getHeader("Content-Type"));
    assertEquals(0x89504E47, png.body().getInt(0), "a PNG");
    assertEquals(200, web.get("alice", in + "/frames/1/thumbnail", "image/*").statusCode());
    assertEquals(
        200,
        web.get("alice", "/dicom-web/studies/1.2.826.9.1/series/1.2.826.9.1.2/thumbnail")
            .statusCode());
    assertEquals(406, web.get("alice", "/dicom-web/studies/1.2.826.9.1/rendered").statusCode());
    assertEquals(406, web.get("alice", in + "/rendered", "image/jpeg").statusCode());
    assertEquals(404, web.get("bob", in + "/rendered").statusCode());
    assertEquals(404, web.get("alice", in + "/frames/2/rendered").statusCode(), "one frame only");
  }

  /**
   * Parts of many chunks each, in one request and over concurrent requests: the request flows part
   * after part.
   */
  @Test
  void largePartsStreamThrough() throws Exception {
    Path raw = dir.resolve("pixels.raw");
    byte[] pixels = new byte[512 * 512 * 2];
    new java.util.Random(3).nextBytes(pixels);
    Files.write(raw, pixels);
    List<Path> files = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      files.add(
          DicomFiles.ct(
              dir,
              "1.2.826.9.2",
              "1.2.826.9.2.1",
              "1.2.826.9.2.1." + i,
              "Large^Parts",
              "P-L",
              "CT",
              java.util.Map.of(
                  "(0028,0010)", "US 512", "(0028,0011)", "US 512", "(7fe0,0010)", "OW =" + raw)));
    }
    List<io.vertx.core.Future<HttpResponse<Buffer>>> sent = new java.util.ArrayList<>();
    for (int r = 0; r < 3; r++) {
      sent.add(
          web.request("alice", io.vertx.core.http.HttpMethod.POST, "/dicom-web/studies")
              .putHeader(
                  "Content-Type",
                  "multipart/related; type=\"application/dicom\"; boundary=" + DicomWeb.BOUNDARY)
              .sendBuffer(DicomWeb.multipart(files.subList(2 * r, 2 * r + 2))));
    }
    for (var f : sent) {
      HttpResponse<Buffer> r = org.sinfonia.verticles.testing.Await.result(f, 60);
      assertEquals(200, r.statusCode(), r.bodyAsString());
    }
    JsonArray instances = web.qido("alice", "/dicom-web/studies/1.2.826.9.2/instances");
    assertEquals(6, instances.size());
    HttpResponse<Buffer> frame =
        web.get(
            "alice",
            "/dicom-web/studies/1.2.826.9.2/series/1.2.826.9.2.1/instances/"
                + "1.2.826.9.2.1.3/frames/1",
            "multipart/related; type=\"application/octet-stream\"");
    assertEquals(200, frame.statusCode());
    String body = frame.bodyAsString(java.nio.charset.StandardCharsets.ISO_8859_1.name());
    int start = body.indexOf("\r\n\r\n") + 4;
    byte[] got =
        java.util.Arrays.copyOfRange(frame.body().getBytes(), start, start + pixels.length);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        pixels, got, "the frame is the stored pixel bytes");
  }
}
