package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.BlockedThreadAppender;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/** STOW-RS with bad input: every broken part is refused with its reason, and never costs the good ones. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class StowBadInputTest {

  @TempDir
  static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;
  private String home;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    // The first requests load and link the ingest, DICOM, index and listing code on the event loops; excuse that,
    // as at start-up (a loaded machine makes first-use linking take longer than the checker allows).
    try {
      web.stow("alice", "/dicom-web/studies", DicomWeb.multipartOf(List.of("warm-up".getBytes(),
          Files.readAllBytes(ct("1.2.826.59.1", 1)))));
      web.stow("alice", "/dicom-web/studies/1.2.826.59.9", DicomWeb.multipart(List.of(ct("1.2.826.59.1", 2))));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    filesInHome();
    web.qido("alice", "/dicom-web/studies?StudyInstanceUID=1.2.826.59.1");
    BlockedThreadAppender.drain();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private Path ct(String study, int n) throws Exception {
    return DicomFiles.ct(dir, study, study + ".1", study + ".1." + n, "Bad^Input", "BAD", "CT");
  }

  private static JsonArray seq(JsonObject answer, String tag) {
    JsonObject s = answer.getJsonObject(tag);
    return s == null ? new JsonArray() : s.getJsonArray("Value");
  }

  private static int reason(JsonObject item) {
    return item.getJsonObject("00081197").getJsonArray("Value").getInteger(0);
  }

  private long filesInHome() {
    return Long.parseLong(api.get("alice", "/items?folderId=" + home + "&limit=1").getHeader("Sinfonia-Total-Count"));
  }

  @Test
  void aNonDicomPartBetweenGoodOnesFailsAlone() throws Exception {
    Buffer body = DicomWeb.multipartOf(List.of(Files.readAllBytes(ct("1.2.826.60.1", 1)),
        "this is not DICOM at all".getBytes(), Files.readAllBytes(ct("1.2.826.60.1", 2))));
    HttpResponse<Buffer> r = web.stow("alice", "/dicom-web/studies", body);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    JsonObject a = r.bodyAsJsonObject();
    assertEquals(2, seq(a, "00081199").size());
    assertEquals(1, seq(a, "00081198").size());
    assertEquals(0xC000, reason(seq(a, "00081198").getJsonObject(0)));
  }

  @Test
  void anInstanceOfAnotherStudyIsRefusedAndNothingOfItIsKept() throws Exception {
    long before = filesInHome();
    Buffer body = DicomWeb.multipart(List.of(ct("1.2.826.61.1", 1), ct("1.2.826.61.2", 1)));
    HttpResponse<Buffer> r = web.stow("alice", "/dicom-web/studies/1.2.826.61.1", body);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    JsonObject a = r.bodyAsJsonObject();
    JsonObject failed = seq(a, "00081198").getJsonObject(0);
    assertEquals(0xA900, reason(failed));
    assertEquals("1.2.826.61.2.1.1", failed.getJsonObject("00081155").getJsonArray("Value").getString(0));
    assertTrue(a.getJsonObject("00081190").getJsonArray("Value").getString(0).endsWith("/studies/1.2.826.61.1"));
    assertEquals(before + 1, filesInHome(), "only the matching instance became a file");
    assertEquals(0, web.qido("alice", "/dicom-web/studies?StudyInstanceUID=1.2.826.61.2").size());
    HttpResponse<Buffer> all = web.stow("alice", "/dicom-web/studies/1.2.826.61.9", DicomWeb.multipart(
        List.of(ct("1.2.826.61.3", 1))));
    assertEquals(409, all.statusCode(), "nothing stored: 409");
  }

  @Test
  void aTruncatedBodyKeepsThePartsBeforeTheCut() throws Exception {
    Buffer whole = DicomWeb.multipart(List.of(ct("1.2.826.62.1", 1), ct("1.2.826.62.1", 2)));
    Buffer cut = whole.getBuffer(0, whole.length() - 200);   // inside the second part, no closing delimiter
    HttpResponse<Buffer> r = web.stow("alice", "/dicom-web/studies", cut);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    JsonObject a = r.bodyAsJsonObject();
    assertEquals(1, seq(a, "00081199").size());
    assertEquals(0xC000, reason(seq(a, "00081198").getJsonObject(0)));
    assertEquals(1, web.qido("alice", "/dicom-web/studies/1.2.826.62.1/instances").size());
  }

  @Test
  void aWrongBoundaryOrMediaTypeIsRefusedWhole() throws Exception {
    Buffer body = DicomWeb.multipart(List.of(ct("1.2.826.63.1", 1)));
    HttpResponse<Buffer> wrong = Await.result(web.request("alice", io.vertx.core.http.HttpMethod.POST,
            "/dicom-web/studies")
        .putHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=not-the-one")
        .sendBuffer(body));
    assertEquals(400, wrong.statusCode(), wrong.bodyAsString());
    HttpResponse<Buffer> json = Await.result(web.request("alice", io.vertx.core.http.HttpMethod.POST,
            "/dicom-web/studies")
        .putHeader("Content-Type", "application/dicom").sendBuffer(body));
    assertEquals(415, json.statusCode());
    HttpResponse<Buffer> meta = Await.result(web.request("alice", io.vertx.core.http.HttpMethod.POST,
            "/dicom-web/studies")
        .putHeader("Content-Type", "multipart/related; type=\"application/dicom+json\"; boundary=x").sendBuffer(body));
    assertEquals(415, meta.statusCode());
  }

  @Test
  void tenThousandTinyPartsInOneRequest() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      parts.add(("tiny " + i).getBytes());
    }
    long t0 = System.nanoTime();
    HttpResponse<Buffer> r = web.stow("alice", "/dicom-web/studies", DicomWeb.multipartOf(parts));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(409, r.statusCode());
    JsonArray failed = seq(r.bodyAsJsonObject(), "00081198");
    assertEquals(10_000, failed.size());
    assertTrue(ms < 60_000, "took " + ms + " ms");
  }

  @Test
  void anXmlAnswerOnRequest() throws Exception {
    HttpResponse<Buffer> r = Await.result(web.request("alice", io.vertx.core.http.HttpMethod.POST, "/dicom-web/studies")
        .putHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + DicomWeb.BOUNDARY)
        .putHeader("Accept", "application/dicom+xml")
        .sendBuffer(DicomWeb.multipart(List.of(ct("1.2.826.64.1", 1)))));
    assertEquals(200, r.statusCode());
    assertEquals("application/dicom+xml", r.getHeader("Content-Type"));
    assertTrue(r.bodyAsString().contains("<DicomAttribute tag=\"00081199\" vr=\"SQ\" keyword=\"ReferencedSOPSequence\">"));
    assertFalse(r.bodyAsString().contains("00081198"));
  }
}
