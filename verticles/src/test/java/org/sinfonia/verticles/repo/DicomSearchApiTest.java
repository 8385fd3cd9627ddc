package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * {@code GET /api/v1/search} with DICOM filters over a real socket: patient ID, modality, study
 * date range and description pick the uploaded files whose indexed instance matches, combine with
 * words, keep to what the caller may read, and bad dates or ranges are 400 with a JSON error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class DicomSearchApiTest {

  private static final String ROOT = "1.2.826.0.1.3680043.10.89";

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private String folder;

  @BeforeAll
  void start() throws Exception {
    node = TestNode.start();
    api = Api.demo(node);
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
                    .put("name", "dicom-search")));
    upload("ct-jan.dcm", ROOT + ".1", "PS-1", "CT", "20240131", "Thorax staging");
    upload("ct-mar.dcm", ROOT + ".2", "PS-1", "CT", "20240315", "Thorax follow-up");
    upload("mr-jan.dcm", ROOT + ".3", "PS-2", "MR", "20240120", "Head");
    api.upload("alice", folder, "notes.txt", "PS-1 CT".getBytes());
  }

  private void upload(
      String name, String study, String patientId, String modality, String date, String description)
      throws Exception {
    Path dcm =
        DicomFiles.ct(
            dir,
            study,
            study + ".1",
            study + ".1.1",
            "Search^Test",
            patientId,
            modality,
            Map.of("(0008,0020)", "DA [" + date + "]", "(0008,1030)", "LO [" + description + "]"));
    api.upload("alice", folder, name, Files.readAllBytes(dcm));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void filtersPickTheMatchingFiles() {
    assertEquals(List.of("ct-jan.dcm", "ct-mar.dcm"), names("alice", "/search?patientId=PS-1"));
    assertEquals(List.of("mr-jan.dcm"), names("alice", "/search?modality=mr"));
    assertEquals(
        List.of("ct-jan.dcm", "mr-jan.dcm"),
        names("alice", "/search?studyDateFrom=2024-01-01&studyDateTo=20240131"));
    assertEquals(List.of("ct-mar.dcm"), names("alice", "/search?studyDateFrom=20240201"));
    assertEquals(
        List.of("ct-jan.dcm"),
        names("alice", "/search?patientId=PS-1&modality=CT&studyDateTo=2024-02-01"));
    assertEquals(List.of("ct-mar.dcm"), names("alice", "/search?studyDescription=FOLLOW"));
    assertEquals(List.of("ct-mar.dcm"), names("alice", "/search?q=mar&modality=CT"));
    assertEquals(List.of(), names("alice", "/search?patientId=PS-1&types=folder,item"));
    assertEquals(List.of(), names("alice", "/search?patientId=NOBODY"));
    assertEquals(
        List.of("ct-mar.dcm"),
        names("alice", "/search?studyDateFrom=20240315&studyDateTo=2024-03-15"));
    // The description is text, not a pattern.
    assertEquals(List.of(), names("alice", "/search?studyDescription=Thorax%20(.*"));
    // The results are files and say where they live.
    JsonObject file = api.get("alice", "/search?modality=MR").bodyAsJsonArray().getJsonObject(0);
    assertEquals("file", file.getString("type"), file.encode());
    assertEquals(folder, file.getString("folderId"), file.encode());
    assertTrue(file.getString("itemId") != null, file.encode());
  }

  @Test
  void onlyWhatTheCallerMayRead() {
    assertEquals(List.of(), names("bob", "/search?patientId=PS-1"));
    assertEquals(List.of(), names("anonymous", "/search?modality=CT"));
    String mine = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String shared =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", mine)
                    .put("name", "shared-dicom")));
    try {
      Path dcm =
          DicomFiles.ct(
              dir,
              ROOT + ".9",
              ROOT + ".9.1",
              ROOT + ".9.1.1",
              "Shared^Test",
              "PS-9",
              "CT",
              Map.of("(0008,0020)", "DA [20190101]"));
      api.upload("alice", shared, "shared.dcm", Files.readAllBytes(dcm));
      assertEquals(List.of(), names("bob", "/search?patientId=PS-9"));
      api.expect(
          200,
          api.put(
              "alice",
              "/folders/" + shared + "/access",
              Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
      assertEquals(List.of("shared.dcm"), names("bob", "/search?patientId=PS-9"));
      assertEquals(
          List.of("shared.dcm"),
          names("bob", "/search?modality=CT"),
          "bob still sees none of the unshared ones");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void badValuesAre400() {
    error("/search?studyDateFrom=2024-13-01", "INVALID_DATE");
    error("/search?studyDateFrom=20240230", "INVALID_DATE");
    error("/search?studyDateTo=yesterday", "INVALID_DATE");
    error("/search?studyDateFrom=20240301&studyDateTo=2024-02-01", "INVALID_DATE_RANGE");
    error("/search?patientId=" + "x".repeat(65), "INVALID_DICOM_FILTER");
    error("/search?patientId=", "MISSING_QUERY");
  }

  private void error(String path, String code) {
    HttpResponse<Buffer> r = api.get("alice", path);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getString("error"), r.bodyAsString());
  }

  private List<String> names(String user, String path) {
    HttpResponse<Buffer> r = api.get(user, path);
    assertEquals(200, r.statusCode(), path + " " + r.bodyAsString());
    return r.bodyAsJsonArray().stream()
        .map(o -> ((JsonObject) o).getString("name"))
        .sorted()
        .toList();
  }
}
