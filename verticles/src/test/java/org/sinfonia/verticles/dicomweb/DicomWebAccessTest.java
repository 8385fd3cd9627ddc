package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * Access through DICOMweb: alice's study in her private folder is invisible to bob at every QIDO
 * level and every WADO path, under both roots; once she grants READ on the folder it appears,
 * counting only what he can read; STOW into a folder bob cannot WRITE is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(NoBlockedThreads.class)
class DicomWebAccessTest {

  private static final String STUDY = "1.2.826.55.1";
  private static final String SERIES = STUDY + ".1";
  private static final String SOP = SERIES + ".1";
  private static final String PRIVATE_SERIES = STUDY + ".2";

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;
  private String shared;
  private String home;

  @BeforeAll
  void start() throws Exception {
    node = TestNode.start();
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    web.warmUp(dir);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    shared =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "to-share")));
    Path a = DicomFiles.ct(dir, STUDY, SERIES, SOP, "Secret^Alice", "S-1", "CT");
    Path b =
        DicomFiles.ct(
            dir, STUDY, PRIVATE_SERIES, PRIVATE_SERIES + ".1", "Secret^Alice", "S-1", "MR");
    assertEquals(
        200,
        web.stow(
                "alice",
                "/dicom-web/folders/" + shared + "/studies",
                DicomWeb.multipart(List.of(a)))
            .statusCode());
    // The same study has a second series in alice's private home folder.
    assertEquals(
        200, web.stow("alice", "/dicom-web/studies", DicomWeb.multipart(List.of(b))).statusCode());
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static final List<String> QIDO =
      List.of(
          "/studies",
          "/series",
          "/instances",
          "/studies/" + STUDY + "/series",
          "/studies/" + STUDY + "/instances",
          "/studies/" + STUDY + "/series/" + SERIES + "/instances",
          "/studies?StudyInstanceUID=" + STUDY,
          "/instances?SOPInstanceUID=" + SOP);
  private static final String IN = "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + SOP;
  private static final List<String> WADO =
      List.of(
          "/studies/" + STUDY,
          "/studies/" + STUDY + "/series/" + SERIES,
          IN,
          "/studies/" + STUDY + "/metadata",
          "/studies/" + STUDY + "/series/" + SERIES + "/metadata",
          IN + "/metadata",
          IN + "/frames/1",
          IN + "/bulkdata/0/16");

  @Test
  @Order(1)
  void aPrivateStudyIsInvisibleUntilShared() {
    for (String q : QIDO) {
      assertEquals(0, web.qido("bob", "/dicom-web" + q).size(), "bob: " + q);
      assertEquals(0, web.qido("anonymous", "/dicom-web" + q).size(), "anonymous: " + q);
      assertEquals(
          1,
          web.qido("alice", "/dicom-web/folders/" + shared + q).size(),
          "alice, folder root: " + q);
    }
    for (String w : WADO) {
      assertEquals(404, web.get("bob", "/dicom-web" + w).statusCode(), "bob: " + w);
      assertEquals(200, web.get("alice", "/dicom-web" + w).statusCode(), "alice: " + w);
      assertEquals(
          404,
          web.get("bob", "/dicom-web/folders/" + shared + w).statusCode(),
          "bob, folder root: " + w);
    }
    assertEquals(
        404,
        web.get("bob", "/dicom-web/folders/" + shared + "/studies").statusCode(),
        "a folder bob cannot read does not exist for him");

    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + shared + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    JsonArray studies = web.qido("bob", "/dicom-web/studies");
    assertEquals(1, studies.size());
    JsonObject st = studies.getJsonObject(0);
    assertEquals(
        1,
        st.getJsonObject("00201208").getJsonArray("Value").getInteger(0),
        "only the shared instance counts");
    assertEquals(1, st.getJsonObject("00201206").getJsonArray("Value").getInteger(0));
    assertEquals(new JsonArray().add("CT"), st.getJsonObject("00080061").getJsonArray("Value"));
    JsonObject aliceView = web.qido("alice", "/dicom-web/studies").getJsonObject(0);
    assertEquals(2, aliceView.getJsonObject("00201208").getJsonArray("Value").getInteger(0));
    assertEquals(1, web.qido("bob", "/dicom-web/studies/" + STUDY + "/series").size());
    assertEquals(
        0,
        web.qido("bob", "/dicom-web/studies/" + STUDY + "/series/" + PRIVATE_SERIES + "/instances")
            .size());
    for (String w : WADO) {
      assertEquals(200, web.get("bob", "/dicom-web" + w).statusCode(), "bob after the grant: " + w);
      assertEquals(
          200,
          web.get("bob", "/dicom-web/folders/" + shared + w).statusCode(),
          "bob, folder root: " + w);
    }
    assertEquals(
        404,
        web.get("bob", "/dicom-web/studies/" + STUDY + "/series/" + PRIVATE_SERIES).statusCode());
    JsonArray studyMeta =
        web.get("bob", "/dicom-web/studies/" + STUDY + "/metadata").bodyAsJsonArray();
    assertEquals(1, studyMeta.size(), "study metadata holds only the readable instance");
    assertEquals(
        0,
        web.qido(
                "alice",
                "/dicom-web/folders/"
                    + shared
                    + "/studies/"
                    + STUDY
                    + "/series/"
                    + PRIVATE_SERIES
                    + "/instances")
            .size(),
        "the folder root shows that subtree only");
  }

  @Test
  @Order(2)
  void storingNeedsWriteOnTheFolder() throws Exception {
    Path c =
        DicomFiles.ct(
            dir, "1.2.826.56.1", "1.2.826.56.1.1", "1.2.826.56.1.1.1", "Bob^B", "B-1", "CT");
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + shared + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    assertEquals(
        403,
        web.stow("bob", "/dicom-web/folders/" + shared + "/studies", DicomWeb.multipart(List.of(c)))
            .statusCode(),
        "READ is not WRITE");
    assertEquals(
        404,
        web.stow("bob", "/dicom-web/folders/" + home + "/studies", DicomWeb.multipart(List.of(c)))
            .statusCode(),
        "a folder bob cannot read");
    assertEquals(
        401,
        web.stow("anonymous", "/dicom-web/studies", DicomWeb.multipart(List.of(c))).statusCode());
    assertEquals(0, web.qido("alice", "/dicom-web/studies?StudyInstanceUID=1.2.826.56.1").size());
    assertEquals(
        200,
        web.stow("bob", "/dicom-web/studies", DicomWeb.multipart(List.of(c))).statusCode(),
        "into his own home folder");
    assertEquals(0, web.qido("alice", "/dicom-web/studies?StudyInstanceUID=1.2.826.56.1").size());
  }
}
