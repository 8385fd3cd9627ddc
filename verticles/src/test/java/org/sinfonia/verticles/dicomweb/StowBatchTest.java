package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * A STOW-RS request's parts are registered in batches: the answer, the files, the folder's size,
 * item listing and the DICOM index come out exactly as when parts went one by one, with a broken
 * part, the same instance twice (same bytes, other bytes: stored under a hashed name, the index
 * keeping the first) and concurrent requests into one folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class StowBatchTest {

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
    web.warmUp(dir);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private String newFolder(String name) {
    return api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject().put("parentType", "folder").put("parentId", home).put("name", name)));
  }

  private Path ct(Path in, String study, int n, String patient) throws Exception {
    Files.createDirectories(in);
    return DicomFiles.ct(in, study, study + ".1", study + ".1." + n, patient, "BATCH", "CT");
  }

  private static JsonArray seq(JsonObject answer, String tag) {
    JsonObject s = answer.getJsonObject(tag);
    return s == null ? new JsonArray() : s.getJsonArray("Value");
  }

  private static String value(JsonObject attrs, String tag) {
    return String.valueOf(attrs.getJsonObject(tag).getJsonArray("Value").getValue(0));
  }

  /** name -> file view of every file in the folder, through the API. */
  private Map<String, JsonObject> files(String folder) {
    Map<String, JsonObject> out = new HashMap<>();
    for (Object o : api.expectList(api.get("alice", "/items?folderId=" + folder + "&limit=1000"))) {
      String item = ((JsonObject) o).getString("id");
      for (Object f : api.expectList(api.get("alice", "/items/" + item + "/files"))) {
        JsonObject file =
            api.expect(200, api.get("alice", "/files/" + ((JsonObject) f).getString("id")));
        out.put(file.getString("name"), file);
      }
    }
    return out;
  }

  private long total(String folder) {
    return Long.parseLong(
        api.get("alice", "/items?folderId=" + folder + "&limit=1")
            .getHeader("Sinfonia-Total-Count"));
  }

  @Test
  void oneRequestWithRepeatsAndABrokenPart() throws Exception {
    String folder = newFolder("one-request");
    String study = "1.2.826.70.1";
    List<byte[]> instances = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      instances.add(Files.readAllBytes(ct(dir.resolve("a"), study, i, "Batch^One")));
    }
    byte[] otherBytes = Files.readAllBytes(ct(dir.resolve("b"), study, 5, "Batch^Other"));
    List<byte[]> parts = new ArrayList<>(instances.subList(0, 4));
    parts.add("not DICOM".getBytes());
    parts.add(instances.get(4));
    parts.add(instances.get(3)); // the same instance, the same bytes
    parts.add(instances.get(5));
    parts.add(otherBytes); // the same instance, other bytes
    parts.addAll(instances.subList(6, 12));

    HttpResponse<Buffer> r =
        web.stow("alice", "/dicom-web/folders/" + folder + "/studies", DicomWeb.multipartOf(parts));

    assertEquals(202, r.statusCode(), r.bodyAsString());
    JsonObject answer = r.bodyAsJsonObject();
    assertEquals(14, seq(answer, "00081199").size(), answer.encode());
    assertEquals(1, seq(answer, "00081198").size());
    assertEquals(
        0xC000,
        seq(answer, "00081198")
            .getJsonObject(0)
            .getJsonObject("00081197")
            .getJsonArray("Value")
            .getInteger(0));
    // The same bytes again are acknowledged and stored once: 12 instances and the other bytes under
    // a taken UID.
    Map<String, JsonObject> files = files(folder);
    assertEquals(13, files.size(), files.keySet().toString());
    assertEquals(13, total(folder));
    long bytes =
        parts.stream().filter(p -> p.length > 100).mapToLong(p -> p.length).sum()
            - instances.get(3).length;
    assertEquals(bytes, api.expect(200, api.get("alice", "/folders/" + folder)).getLong("size"));
    for (int i = 0; i < 12; i++) {
      JsonObject f = files.get(study + ".1." + i + ".dcm");
      assertEquals(true, f.getJsonObject("dicom").getBoolean("indexed"), f.encode());
    }
    // Other bytes under a taken UID: the next name by the one naming rule, the index keeping the
    // first file
    // (keep-first, the default policy).
    List<JsonObject> repeats =
        files.values().stream().filter(f -> f.getString("name").endsWith(" (2).dcm")).toList();
    assertEquals(1, repeats.size());
    assertEquals(study + ".1.5 (2).dcm", repeats.get(0).getString("name"));
    for (JsonObject f : repeats) {
      JsonObject mark = f.getJsonObject("dicom");
      assertFalse(mark.getBoolean("indexed"));
      String first = mark.getString("sopInstanceUid") + ".dcm";
      assertEquals(files.get(first).getString("id"), mark.getString("duplicateOf"));
    }
    String root = "/dicom-web/folders/" + folder;
    JsonArray series = web.qido("alice", root + "/studies/" + study + "/series");
    assertEquals("12", value(series.getJsonObject(0), "00201209"));
    assertEquals(12, web.qido("alice", root + "/studies/" + study + "/instances").size());
    assertEquals(
        "12",
        value(
            web.qido("alice", root + "/studies?StudyInstanceUID=" + study).getJsonObject(0),
            "00201208"));
  }

  @Test
  void concurrentRequestsIntoOneFolder() throws Exception {
    String folder = newFolder("concurrent");
    String study = "1.2.826.71.1";
    List<Future<HttpResponse<Buffer>>> requests = new ArrayList<>();
    long bytes = 0;
    for (int c = 0; c < 4; c++) {
      List<byte[]> parts = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        parts.add(Files.readAllBytes(ct(dir.resolve("c"), study, c * 10 + i, "Batch^Concurrent")));
        bytes += parts.get(i).length;
      }
      requests.add(
          web.request("alice", HttpMethod.POST, "/dicom-web/folders/" + folder + "/studies")
              .putHeader(
                  "Content-Type",
                  "multipart/related; type=\"application/dicom\"; boundary=" + DicomWeb.BOUNDARY)
              .putHeader("Accept", "application/dicom+json")
              .sendBuffer(DicomWeb.multipartOf(parts)));
    }
    Await.result(Future.all(requests), 120);
    for (Future<HttpResponse<Buffer>> f : requests) {
      assertEquals(200, f.result().statusCode(), f.result().bodyAsString());
      assertEquals(10, seq(f.result().bodyAsJsonObject(), "00081199").size());
    }
    assertEquals(40, total(folder));
    assertEquals(40, files(folder).size());
    assertEquals(bytes, api.expect(200, api.get("alice", "/folders/" + folder)).getLong("size"));
    String root = "/dicom-web/folders/" + folder;
    assertEquals(
        "40",
        value(
            web.qido("alice", root + "/studies/" + study + "/series").getJsonObject(0),
            "00201209"));
    assertEquals(40, web.qido("alice", root + "/studies/" + study + "/instances").size());
    assertTrue(
        files(folder).values().stream()
            .allMatch(f -> f.getJsonObject("dicom").getBoolean("indexed")));
  }
}
