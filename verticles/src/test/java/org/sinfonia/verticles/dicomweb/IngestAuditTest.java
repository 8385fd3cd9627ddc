package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The ingest service writes the audit entry of every file, whichever door it came through and
 * however it ended: a streamed upload stored and then repeated, and the instances of one STOW-RS
 * request (coalesced into one write by the service; here only their entries are seen), read back by
 * the administrator from {@code GET /audit}.
 */
@ExtendWith(NoBlockedThreads.class)
class IngestAuditTest {

  @Test
  void everyIngestedFileHasAnAuditEntry() throws Exception {
    try (TestNode node = TestNode.start()) {
      Api api = Api.demo(node);
      String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      byte[] bytes = "audited content".repeat(10).getBytes();
      JsonObject first = upload(node, api, home, bytes);
      JsonObject again = upload(node, api, home, bytes);
      assertEquals(first.getString("id"), again.getString("id"));

      List<JsonObject> entries =
          waitFor(node, api, "/audit?resource=" + first.getString("id"), e -> e.size() >= 2);
      assertEquals(2, entries.size(), entries.toString());
      for (JsonObject e : entries) {
        assertEquals("ingest", e.getString("action"));
        assertEquals("alice", e.getString("user"));
        assertEquals("file", e.getString("resourceType"));
        assertEquals("ok", e.getString("outcome"));
      }
      List<String> details = entries.stream().map(e -> e.getString("detail")).toList();
      assertTrue(details.contains("upload STORED audited.bin"), details.toString());
      assertTrue(details.contains("upload ALREADY_STORED audited.bin"), details.toString());

      Path dir = Files.createTempDirectory("ingest-audit");
      List<Path> instances = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        instances.add(
            DicomFiles.ct(
                dir,
                "1.2.826.77.1",
                "1.2.826.77.1.1",
                "1.2.826.77.1.1." + i,
                "Audit^Pat",
                "AUD-1",
                "CT"));
      }
      HttpResponse<Buffer> stow =
          new DicomWeb(node, api)
              .stow("alice", "/dicom-web/studies", DicomWeb.multipart(instances));
      assertEquals(200, stow.statusCode(), stow.bodyAsString());
      List<JsonObject> stowed =
          waitFor(
              node,
              api,
              "/audit?user=alice&limit=1000",
              e ->
                  e.stream().filter(x -> x.getString("detail").startsWith("stow-rs STORED")).count()
                      >= 3);
      List<String> names =
          stowed.stream()
              .map(e -> e.getString("detail"))
              .filter(d -> d.startsWith("stow-rs STORED"))
              .sorted()
              .toList();
      assertEquals(
          List.of(
              "stow-rs STORED 1.2.826.77.1.1.1.dcm",
              "stow-rs STORED 1.2.826.77.1.1.2.dcm",
              "stow-rs STORED 1.2.826.77.1.1.3.dcm"),
          names);
    }
  }

  private static JsonObject upload(TestNode node, Api api, String folder, byte[] bytes) {
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .post("/api/v1/folders/" + folder + "/files")
                .addQueryParam("name", "audited.bin")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .sendBuffer(Buffer.buffer(bytes)));
    assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /**
   * Audit entries are written a few milliseconds after the answer: polls until {@code done} holds
   * (10 s at most).
   */
  private static List<JsonObject> waitFor(
      TestNode node, Api api, String query, Predicate<List<JsonObject>> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    List<JsonObject> entries;
    do {
      JsonArray events = api.expectList(api.get("admin", query));
      entries =
          events.stream()
              .map(o -> (JsonObject) o)
              .filter(e -> "ingest".equals(e.getString("action")))
              .toList();
      if (done.test(entries)) {
        return entries;
      }
      Await.result(node.vertx.timer(20));
    } while (Instant.now().isBefore(deadline));
    return entries;
  }
}
