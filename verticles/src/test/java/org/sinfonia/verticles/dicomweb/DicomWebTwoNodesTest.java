package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Two nodes over one database, as behind a load balancer: what is stored, deleted and shared
 * through one is what QIDO-RS answers through the other at once. The second node keeps its own copy
 * of the study parts and catches up by the parts each change lists (stores, a deletion, a share).
 */
@ExtendWith(NoBlockedThreads.class)
class DicomWebTwoNodesTest {

  private static final String STUDY = "1.2.826.88.1";
  private static final String SERIES = STUDY + ".1";

  @TempDir Path dir;

  @Test
  void changesThroughOneNodeShowThroughTheOther() throws Exception {
    try (TestNode first = TestNode.start();
        TestNode second =
            TestNode.start(
                Map.of(
                    "SINFONIA_DATA_DIR",
                    first.dataDir.toString(),
                    "SINFONIA_MONGO_URI",
                    first.node.mongoUri()))) {
      Api api = Api.demo(first);
      DicomWeb one = new DicomWeb(first, api);
      DicomWeb two = new DicomWeb(second, Api.demo(second));
      one.warmUp(dir);
      two.warmUp(dir);
      String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      int before = two.qido("alice", "/dicom-web/studies").size();

      Path a = DicomFiles.ct(dir, STUDY, SERIES, SERIES + ".1", "Two^Nodes", "TN-1", "CT");
      Path b = DicomFiles.ct(dir, STUDY, SERIES, SERIES + ".2", "Two^Nodes", "TN-1", "CT");
      assertEquals(
          200,
          one.stow("alice", "/dicom-web/studies", DicomWeb.multipart(List.of(a, b))).statusCode());
      assertEquals(before + 1, two.qido("alice", "/dicom-web/studies").size());
      assertEquals(2, instances(two, "alice"));

      Path c = DicomFiles.ct(dir, STUDY, SERIES, SERIES + ".3", "Two^Nodes", "TN-1", "CT");
      String third = api.upload("alice", home, "third.dcm", Files.readAllBytes(c)).getString("id");
      assertEquals(3, instances(two, "alice"));
      api.expect(204, api.delete("alice", "/files/" + third));
      assertEquals(2, instances(two, "alice"));

      assertEquals(0, two.qido("bob", "/dicom-web/studies?PatientID=TN-1").size());
      api.expect(
          200,
          api.put(
              "alice",
              "/folders/" + home + "/access",
              Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
      assertEquals(
          2, instances(two, "bob"), "shared through the first node, seen through the second");
      assertEquals(
          withoutRetrieveUrls(one.qido("alice", "/dicom-web/studies")),
          withoutRetrieveUrls(two.qido("alice", "/dicom-web/studies")),
          "the same answer but for each node's URL");
    }
  }

  private static JsonArray withoutRetrieveUrls(JsonArray studies) {
    studies.forEach(st -> ((JsonObject) st).remove("00081190"));
    return studies;
  }

  private static int instances(DicomWeb node, String user) {
    JsonArray studies = node.qido(user, "/dicom-web/studies?StudyInstanceUID=" + STUDY);
    assertEquals(1, studies.size(), user);
    return ((JsonObject) studies.getValue(0))
        .getJsonObject("00201208")
        .getJsonArray("Value")
        .getInteger(0);
  }
}
