package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

/**
 * The ingest service's naming table through STOW-RS, over a real socket. STOW-RS names an instance
 * {@code <SOPInstanceUID>.dcm}: the same instance again (alone or twice in one request) is
 * acknowledged without a second file; other bytes under a known SOP Instance UID are stored as
 * {@code <SOPInstanceUID> (2).dcm}, as every door numbers a taken name, and the DICOM index keeps
 * the first ({@code dicom.duplicatePolicy: keep-first}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class StowNamingTableTest {

  private static final String STUDY = "1.2.826.0.1.3680043.10.88";
  private static final String SERIES = STUDY + ".1";
  private static final String X = SERIES + ".1";
  private static final String Y = SERIES + ".2";

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;
  private String folder;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    web.warmUp(dir);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "stow naming table")));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /**
   * One STOW-RS request of some instances and the folder's names after it (name -> files its item
   * holds).
   */
  record Row(String what, List<byte[]> parts, Map<String, Integer> namesAfter) {}

  @Test
  void everyCaseOfTheTable() throws Exception {
    byte[] x = instance(X, "Table^First");
    byte[] xOther = instance(X, "Table^Other"); // the same SOP Instance UID, other bytes
    byte[] y = instance(Y, "Table^First");
    List<Row> table =
        List.of(
            new Row("a new instance", List.of(x), Map.of(X + ".dcm", 1)),
            new Row("the same bytes again", List.of(x), Map.of(X + ".dcm", 1)),
            new Row(
                "other bytes under the same UID",
                List.of(xOther),
                Map.of(X + ".dcm", 1, X + " (2).dcm", 1)),
            new Row(
                "those other bytes again",
                List.of(xOther),
                Map.of(X + ".dcm", 1, X + " (2).dcm", 1)),
            new Row(
                "one instance twice in one request",
                List.of(y, y),
                Map.of(X + ".dcm", 1, X + " (2).dcm", 1, Y + ".dcm", 1)));
    for (Row row : table) {
      HttpResponse<Buffer> r =
          web.stow(
              "alice",
              "/dicom-web/folders/" + folder + "/studies",
              DicomWeb.multipartOf(row.parts()));
      String what = row.what() + " -> " + r.statusCode() + " " + r.bodyAsString();
      assertEquals(200, r.statusCode(), what);
      JsonObject answer = r.bodyAsJsonObject();
      assertFalse(answer.containsKey("00081198"), "no failed instance: " + what);
      assertEquals(
          row.parts().size(), answer.getJsonObject("00081199").getJsonArray("Value").size(), what);
      assertEquals(row.namesAfter(), names(), what);
    }
    JsonArray indexed =
        web.qido(
            "alice",
            "/dicom-web/folders/"
                + folder
                + "/studies/"
                + STUDY
                + "/instances?SOPInstanceUID="
                + X
                + "&includefield=00100010");
    assertEquals(1, indexed.size(), indexed.encode());
    assertEquals(
        "Table^First",
        indexed
            .getJsonObject(0)
            .getJsonObject("00100010")
            .getJsonArray("Value")
            .getJsonObject(0)
            .getString("Alphabetic"),
        "the index keeps the first: " + indexed.encode());
    JsonObject item =
        api.expectList(api.get("alice", "/items?folderId=" + folder)).stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("name").equals(X + " (2).dcm"))
            .findFirst()
            .orElseThrow();
    JsonObject file =
        api.expectList(api.get("alice", "/items/" + item.getString("id") + "/files"))
            .getJsonObject(0);
    assertEquals("stow-rs", file.getJsonObject("origin").getString("door"), file.encode());
  }

  private byte[] instance(String sop, String patient) throws Exception {
    Path f =
        DicomFiles.ct(
            Files.createTempDirectory(dir, "i"), STUDY, SERIES, sop, patient, "TABLE-1", "CT");
    return Files.readAllBytes(f);
  }

  /** The folder's item names, each with how many files its item holds. */
  private Map<String, Integer> names() {
    return api.expectList(api.get("alice", "/items?folderId=" + folder + "&limit=100")).stream()
        .map(JsonObject.class::cast)
        .collect(
            Collectors.toMap(
                i -> i.getString("name"),
                i ->
                    api.expectList(api.get("alice", "/items/" + i.getString("id") + "/files"))
                        .size(),
                (a, b) -> a + b,
                TreeMap::new));
  }
}
