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

/**
 * STOW-RS with bad input at scale and an XML answer; the failure reasons, one request each, are the
 * rows of {@link StowFailureTableTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class StowBadInputTest {

  @TempDir static Path dir;

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
    // The first requests load and link the ingest, DICOM, index and listing code on the event
    // loops; excuse that,
    // as at start-up (a loaded machine makes first-use linking take longer than the checker
    // allows).
    try {
      web.stow(
          "alice",
          "/dicom-web/studies",
          DicomWeb.multipartOf(
              List.of("warm-up".getBytes(), Files.readAllBytes(ct("1.2.826.59.1", 1)))));
      web.stow(
          "alice",
          "/dicom-web/studies/1.2.826.59.9",
          DicomWeb.multipart(List.of(ct("1.2.826.59.1", 2))));
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
    return Long.parseLong(
        api.get("alice", "/items?folderId=" + home + "&limit=1").getHeader("Sinfonia-Total-Count"));
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
    HttpResponse<Buffer> r =
        Await.result(
            web.request("alice", io.vertx.core.http.HttpMethod.POST, "/dicom-web/studies")
                .putHeader(
                    "Content-Type",
                    "multipart/related; type=\"application/dicom\"; boundary=" + DicomWeb.BOUNDARY)
                .putHeader("Accept", "application/dicom+xml")
                .sendBuffer(DicomWeb.multipart(List.of(ct("1.2.826.64.1", 1)))));
    assertEquals(200, r.statusCode());
    assertEquals("application/dicom+xml", r.getHeader("Content-Type"));
    assertTrue(
        r.bodyAsString()
            .contains(
                "<DicomAttribute tag=\"00081199\" vr=\"SQ\" keyword=\"ReferencedSOPSequence\">"));
    assertFalse(r.bodyAsString().contains("00081198"));
  }
}
