package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code GET /api/v1/dicom/instances/{sop}} over a real socket: an uploaded instance leads to its
 * file and folder, for its owner and, once shared, for bob, never before; malformed UIDs are 400.
 * {@code GET /api/v1/viewers} says that no OHIF viewer is served by this build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class InstanceFileLookupTest {

  private static final String STUDY = "1.2.826.0.1.3680043.10.88.1";
  private static final String SOP = STUDY + ".1.1";

  @TempDir static Path dir;

  private TestNode node;
  private Api api;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void anInstanceLeadsToItsFileForReadersOnly() throws Exception {
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "lookup")));
    Path dcm = DicomFiles.ct(dir, STUDY, STUDY + ".1", SOP, "Lookup^Test", "LK-1", "CT");
    JsonObject file = api.upload("alice", folder, "slice.dcm", Files.readAllBytes(dcm));

    JsonObject found = api.expect(200, api.get("alice", "/dicom/instances/" + SOP));
    assertEquals(file.getString("id"), found.getString("fileId"));
    assertEquals(folder, found.getString("folderId"));
    assertEquals(STUDY, found.getString("studyInstanceUid"));
    assertEquals(STUDY + ".1", found.getString("seriesInstanceUid"));
    assertEquals(SOP, found.getString("sopInstanceUid"));
    // The file it names is the one the preview opens.
    assertEquals(
        "slice.dcm",
        api.expect(200, api.get("alice", "/files/" + found.getString("fileId"))).getString("name"));

    assertEquals(
        "INSTANCE_NOT_FOUND",
        api.expect(404, api.get("bob", "/dicom/instances/" + SOP)).getString("error"));
    assertEquals(
        "INSTANCE_NOT_FOUND",
        api.expect(404, api.get("anonymous", "/dicom/instances/" + SOP)).getString("error"));
    assertEquals(
        "INSTANCE_NOT_FOUND",
        api.expect(404, api.get("alice", "/dicom/instances/1.2.3.999")).getString("error"));
    assertEquals(
        "INVALID_UID",
        api.expect(400, api.get("alice", "/dicom/instances/1.2.x")).getString("error"));
    assertEquals(
        "INVALID_UID",
        api.expect(400, api.get("alice", "/dicom/instances/" + "1.".repeat(40) + "1"))
            .getString("error"));

    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + folder + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    assertEquals(
        file.getString("id"),
        api.expect(200, api.get("bob", "/dicom/instances/" + SOP)).getString("fileId"));
  }

  @Test
  void noOhifViewerIsServed() {
    JsonObject viewers = api.expect(200, api.get("anonymous", "/viewers"));
    assertFalse(viewers.getJsonObject("ohif").getBoolean("available"));
    assertFalse(viewers.getJsonObject("ohif").containsKey("url"));
    assertEquals(viewers, api.expect(200, api.get("alice", "/viewers")));
  }
}
