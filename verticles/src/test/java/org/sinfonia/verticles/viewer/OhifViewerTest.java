package org.sinfonia.verticles.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.verticles.portal.PortalWalk;
import org.sinfonia.verticles.portal.WalkBrowser;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.PhantomStudy;
import org.sinfonia.verticles.testing.TestNode;

/**
 * OHIF (the prebuilt viewer the build copies to target/viewer) in a real headless browser on real
 * data (web/ui/e2e/ohif.e2e.mjs): alice's thorax CT phantom with its RT Structure Set, Dose and
 * Plan, bob's head MR. Alice's study list shows her study only, and bob's once he shares it; the CT
 * draws and changes when scrolled; the RT STRUCT shows as an overlay; bob sees none of alice's
 * study, and her WADO-RS URLs typed by hand get 404. Every HTTP error, failed request, console
 * error and CSP violation of the walk goes to target/ohif-network.json. Skipped when the build has
 * no viewer (-Dviewer.skip=true). Screenshots 60-64 in target/ui-screenshots/.
 */
class OhifViewerTest {

  private static final Path VIEWER = Path.of("target", "viewer").toAbsolutePath();

  private TestNode node;
  private PortalWalk walk;

  @BeforeEach
  void start() {
    Assumptions.assumeTrue(
        Files.isRegularFile(VIEWER.resolve("index.html")),
        "no viewer in target/viewer (built with -Dviewer.skip=true)");
    node =
        TestNode.start(
            Map.of("SINFONIA_VIEWER_ENABLED", "true", "SINFONIA_VIEWER_DIR", VIEWER.toString()));
    walk = new PortalWalk(node);
  }

  @AfterEach
  void stop() {
    if (walk != null) {
      walk.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest
  @EnumSource(WalkBrowser.class)
  void aliceReadsHerStudyInOhifAndBobDoesNot(WalkBrowser browser) throws Exception {
    Path data = PortalWalk.dataDir();
    Path scratch = Files.createDirectories(data.resolve("scratch"));
    PhantomStudy phantom = new PhantomStudy(scratch);
    List<Path> thorax = phantom.thorax(data.resolve("thorax"));
    List<Path> head = phantom.head(data.resolve("head"), 6);

    Api api = Api.demo(node);
    String thoraxFolder = folder(api, "alice", "Thorax phantom PH-001");
    String headFolder = folder(api, "bob", "Head phantom PH-002");
    for (Path f : thorax) {
      api.upload("alice", thoraxFolder, f.getFileName().toString(), Files.readAllBytes(f));
    }
    for (Path f : head) {
      api.upload("bob", headFolder, f.getFileName().toString(), Files.readAllBytes(f));
    }
    assertEquals(PhantomStudy.SLICES + 3, instances(node, api, "alice"));
    assertEquals(head.size(), instances(node, api, "bob"));
    JsonObject rtstruct =
        api.expectList(
                Await.result(
                    node.client
                        .get(
                            "/dicom-web/studies/"
                                + PhantomStudy.THORAX_STUDY
                                + "/series/"
                                + PhantomStudy.RTSTRUCT_SERIES
                                + "/instances")
                        .putHeader("Authorization", "Bearer " + api.token("alice"))
                        .putHeader("Accept", "application/dicom+json")
                        .send()))
            .getJsonObject(0);
    Files.writeString(
        data.resolve("ohif.json"),
        new JsonObject()
            .put("thoraxStudy", PhantomStudy.THORAX_STUDY)
            .put("headStudy", PhantomStudy.HEAD_STUDY)
            .put("ctSeries", PhantomStudy.CT_SERIES)
            .put("ctSop", PhantomStudy.ctSop(1))
            .put("rtstructSeries", PhantomStudy.RTSTRUCT_SERIES)
            .put(
                "rtstructSop",
                rtstruct.getJsonObject("00080018").getJsonArray("Value").getString(0))
            .put("slices", PhantomStudy.SLICES)
            .put("thoraxFolder", thoraxFolder)
            .put("headFolder", headFolder)
            .put(
                "network",
                Path.of("target", "ohif-network-" + browser.name().toLowerCase() + ".json")
                    .toAbsolutePath()
                    .toString())
            .encodePrettily());
    walk.run(
        browser,
        "ohif.e2e.mjs",
        data,
        Duration.ofMinutes(8),
        // Between the two phases of the walk: bob shares his study folder with alice (READ).
        () ->
            api.expect(
                200,
                api.put(
                    "bob",
                    "/folders/" + headFolder + "/access",
                    Api.acl(false, Map.of("bob", 2, "alice", 0), Map.of()))));
  }

  private static int instances(TestNode node, Api api, String user) {
    return api.expectList(
            Await.result(
                node.client
                    .get("/dicom-web/instances")
                    .putHeader("Authorization", "Bearer " + api.token(user))
                    .putHeader("Accept", "application/dicom+json")
                    .send()))
        .size();
  }

  private static String folder(Api api, String user, String name) {
    String home = api.expect(200, api.get(user, "/users/me")).getString("homeFolderId");
    return api.id(
        201,
        api.post(
            user,
            "/folders",
            new JsonObject().put("parentType", "folder").put("parentId", home).put("name", name)));
  }
}
