package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * STOW-RS at one study's address ({@code POST /dicom-web/studies/{study}}, what the viewer does
 * when it saves a measurement report) joins the folder that holds the study when the caller may
 * WRITE it; a caller who may only read the study is refused with a clear error and nothing is
 * stored; a study nobody has yet goes where a push at {@code /dicom-web/studies} goes (the caller's
 * home).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(NoBlockedThreads.class)
class StowIntoStudyFolderTest {

  private static final String STUDY = "1.2.826.55.7";
  private static final String SERIES = STUDY + ".1";

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;
  private String project;
  private String aliceHome;
  private String bobHome;

  @BeforeAll
  void start() throws Exception {
    node = TestNode.start();
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    web.warmUp(dir);
    aliceHome = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    bobHome = api.expect(200, api.get("bob", "/users/me")).getString("homeFolderId");
    project =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", aliceHome)
                    .put("name", "thorax project")));
    assertEquals(
        200,
        web.stow("alice", "/dicom-web/folders/" + project + "/studies", ct(SERIES + ".1"))
            .statusCode());
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static Buffer ct(String sop) throws Exception {
    return DicomWeb.multipart(
        List.of(DicomFiles.ct(dir, STUDY, SERIES, sop, "Phantom^Thorax", "PH-7", "CT")));
  }

  private int inFolder(String user, String folder, String sop) {
    return web.qido(user, "/dicom-web/folders/" + folder + "/instances?SOPInstanceUID=" + sop)
        .size();
  }

  @Test
  @Order(1)
  void theOwnersReportJoinsTheStudysFolder() throws Exception {
    HttpResponse<Buffer> r = web.stow("alice", "/dicom-web/studies/" + STUDY, ct(SERIES + ".2"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(1, inFolder("alice", project, SERIES + ".2"));
    assertEquals(
        1,
        web.qido("alice", "/dicom-web/instances?SOPInstanceUID=" + SERIES + ".2").size(),
        "stored once, in the study's folder and nowhere else");
  }

  @Test
  @Order(2)
  void aReaderIsRefusedAndNothingIsStored() throws Exception {
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + project + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    HttpResponse<Buffer> r = web.stow("bob", "/dicom-web/studies/" + STUDY, ct(SERIES + ".3"));
    assertEquals(403, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject();
    assertEquals("STUDY_NOT_WRITABLE", error.getString("error"));
    assertEquals(true, error.getString("message").contains(STUDY), error.encode());
    assertEquals(0, web.qido("bob", "/dicom-web/instances?SOPInstanceUID=" + SERIES + ".3").size());
  }

  @Test
  @Order(3)
  void withWriteTheReadersReportJoinsTheStudyToo() throws Exception {
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + project + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 1), Map.of())));
    HttpResponse<Buffer> r = web.stow("bob", "/dicom-web/studies/" + STUDY, ct(SERIES + ".4"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(1, inFolder("alice", project, SERIES + ".4"));
    assertEquals(0, inFolder("bob", bobHome, SERIES + ".4"));
  }

  @Test
  @Order(4)
  void aStudyNobodyHasGoesHome() throws Exception {
    String other = "1.2.826.55.8";
    Buffer part =
        DicomWeb.multipart(
            List.of(
                DicomFiles.ct(dir, other, other + ".1", other + ".1.1", "New^One", "N-1", "CT")));
    HttpResponse<Buffer> r = web.stow("bob", "/dicom-web/studies/" + other, part);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(1, inFolder("bob", bobHome, other + ".1.1"));
  }
}
