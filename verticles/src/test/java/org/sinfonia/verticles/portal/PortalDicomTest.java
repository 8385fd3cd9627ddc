package org.sinfonia.verticles.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.PhantomStudy;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The DICOM parts of the portal in a real headless Chromium (web/ui/e2e/dicom.e2e.mjs): alice's
 * thorax CT phantom with its RT Structure Set, Dose and Plan, and a head MR of another patient,
 * uploaded through the API; the walk searches with each DICOM filter, browses study > series >
 * instances, opens a series in the stack viewer, drags the window, filters the tag list, and looks
 * at the RT previews. Screenshots 30-36 in target/ui-screenshots/.
 */
class PortalDicomTest {

  private TestNode node;
  private PortalWalk walk;

  @BeforeEach
  void start() {
    node = TestNode.start(Map.of());
    walk = new PortalWalk(node);
  }

  @AfterEach
  void stop() {
    walk.close();
    node.close();
  }

  @ParameterizedTest
  @EnumSource(WalkBrowser.class)
  void aliceBrowsesStudiesAndPreviewsRtObjects(WalkBrowser browser) throws Exception {
    Path data = PortalWalk.dataDir();
    Path scratch = Files.createDirectories(data.resolve("scratch"));
    PhantomStudy phantom = new PhantomStudy(scratch);
    List<Path> thorax = phantom.thorax(data.resolve("thorax"));
    List<Path> head = phantom.head(data.resolve("head"), 6);

    Api api = Api.demo(node);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String thoraxFolder = folder(api, home, "Thorax phantom PH-001");
    String headFolder = folder(api, home, "Head phantom PH-002");
    for (Path f : thorax) {
      api.upload("alice", thoraxFolder, f.getFileName().toString(), Files.readAllBytes(f));
    }
    for (Path f : head) {
      api.upload("alice", headFolder, f.getFileName().toString(), Files.readAllBytes(f));
    }
    // Every instance is indexed before the walk starts: the portal reads the index, not the upload
    // answers.
    assertEquals(
        PhantomStudy.SLICES + 3 + head.size(),
        api.expectList(
                Await.result(
                    node.client
                        .get("/dicom-web/instances")
                        .putHeader("Authorization", "Bearer " + api.token("alice"))
                        .putHeader("Accept", "application/dicom+json")
                        .send()))
            .size());
    Files.writeString(
        data.resolve("dicom.json"),
        new JsonObject()
            .put("thoraxStudy", PhantomStudy.THORAX_STUDY)
            .put("headStudy", PhantomStudy.HEAD_STUDY)
            .put("ctSeries", PhantomStudy.CT_SERIES)
            .put("slices", PhantomStudy.SLICES)
            .put("thoraxFolder", thoraxFolder)
            .put("headFolder", headFolder)
            .encodePrettily());
    walk.run(browser, "dicom.e2e.mjs", data, Duration.ofMinutes(4));
  }

  private static String folder(Api api, String parent, String name) {
    return api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", parent)
                .put("name", name)));
  }
}
