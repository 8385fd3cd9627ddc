package org.sinfonia.verticles.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.PreviewCorpus;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The previewer end to end, through the API of a whole node (ingest-time previews off, so every
 * rendering here is on demand): DICOM renderings against dcmj2pnm, sizes, frames, cache and ETag,
 * the access check, placeholders, the attribute list, RT summaries and the structure set snapshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class PreviewApiTest {

  @TempDir Path dir;

  private TestNode node;
  private Api api;
  private PreviewCorpus corpus;
  private String home;

  @BeforeAll
  void start() {
    node = TestNode.start(Map.of("SINFONIA_PREVIEWS_ON_INGEST", "false"));
    api = Api.demo(node);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @BeforeEach
  void corpus() {
    corpus = new PreviewCorpus(dir);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private String upload(Path file) throws IOException {
    return api.upload("alice", home, file.getFileName().toString(), Files.readAllBytes(file))
        .getString("id");
  }

  private HttpResponse<Buffer> preview(String user, String fileId, String query) {
    return api.get(user, "/files/" + fileId + "/preview" + query);
  }

  static BufferedImage png(HttpResponse<Buffer> r) throws IOException {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("image/png", r.getHeader("Content-Type"));
    return ImageIO.read(new ByteArrayInputStream(r.body().getBytes()));
  }

  /** Fraction of equal grey samples; fails when any differs by more than {@code tolerance}. */
  private static double equalShare(BufferedImage ours, BufferedImage theirs, int tolerance) {
    assertEquals(theirs.getWidth(), ours.getWidth());
    assertEquals(theirs.getHeight(), ours.getHeight());
    long equal = 0;
    for (int y = 0; y < ours.getHeight(); y++) {
      for (int x = 0; x < ours.getWidth(); x++) {
        int a = ours.getRaster().getSample(x, y, 0);
        int b = theirs.getRaster().getSample(x, y, 0);
        assertTrue(
            Math.abs(a - b) <= tolerance, "pixel " + x + "," + y + ": " + a + " vs dcmj2pnm " + b);
        equal += a == b ? 1 : 0;
      }
    }
    return (double) equal / (ours.getWidth() * ours.getHeight());
  }

  @Test
  void aCtRendersAsDcmj2pnmDoesAtEverySize() throws Exception {
    Path ct = corpus.ct("ct512", 512, "2.25.7001", "2.25.7001.1", "2.25.7001.1.1", 0);
    String id = upload(ct);
    BufferedImage full = png(preview("alice", id, "?size=full"));
    BufferedImage referee = ImageIO.read(new ByteArrayInputStream(corpus.dcmj2pnm(ct, "+Wi", "1")));
    double share = equalShare(full, referee, 1);
    assertTrue(share >= 0.995, "equal share " + share);

    HttpResponse<Buffer> r512 = preview("alice", id, "");
    BufferedImage preview = png(r512);
    assertEquals(512, preview.getWidth(), "the default size is 512 and a 512 image is not scaled");
    assertNull(r512.getHeader("Sinfonia-Preview-Failure"));
    assertEquals("1", r512.getHeader("Sinfonia-Preview-Frames"));
    BufferedImage thumb = png(preview("alice", id, "?size=128"));
    assertEquals(128, thumb.getWidth());
    assertEquals(128, thumb.getHeight());
    // a real thumbnail: each pixel close to the mean of its 4 x 4 block of the full rendering
    double error = 0;
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        int sum = 0;
        for (int dy = 0; dy < 4; dy++) {
          for (int dx = 0; dx < 4; dx++) {
            sum += full.getRaster().getSample(4 * x + dx, 4 * y + dy, 0);
          }
        }
        error += Math.abs(thumb.getRaster().getSample(x, y, 0) - sum / 16.0);
      }
    }
    assertTrue(
        error / (128 * 128) < 3, "mean distance from the 4x4 average: " + error / (128 * 128));

    // WADO-RS thumbnail and rendered: the same renderer and cache, the same bytes
    String wado = "/dicom-web/studies/2.25.7001/series/2.25.7001.1/instances/2.25.7001.1.1";
    for (String[] pair :
        new String[][] {{"/thumbnail", "?size=128"}, {"/rendered", "?size=full"}}) {
      HttpResponse<Buffer> w =
          Await.result(
              node.client
                  .get(wado + pair[0])
                  .putHeader("Accept", "image/png")
                  .putHeader("Authorization", "Bearer " + api.token("alice"))
                  .send());
      assertEquals(200, w.statusCode(), w.bodyAsString());
      assertEquals(preview("alice", id, pair[1]).body(), w.body(), pair[0]);
    }

    BufferedImage windowed = png(preview("alice", id, "?size=full&window=40,80"));
    assertTrue(
        equalShare(
                windowed,
                ImageIO.read(new ByteArrayInputStream(corpus.dcmj2pnm(ct, "+Ww", "40", "80"))),
                1)
            >= 0.995,
        "a requested window as dcmj2pnm +Ww");
    api.expect(400, preview("alice", id, "?size=64"));
    api.expect(400, preview("alice", id, "?frame=0"));
    api.expect(400, preview("alice", id, "?window=40"));
  }

  @Test
  void framesOfAMultiFrameImage() throws Exception {
    Path mf = corpus.multiFrame("frames", 3, "2.25.7002", "2.25.7002.1", "2.25.7002.1.1");
    String id = upload(mf);
    for (int frame = 1; frame <= 3; frame++) {
      HttpResponse<Buffer> r = preview("alice", id, "?size=full&frame=" + frame);
      assertEquals(Integer.toString(frame), r.getHeader("Sinfonia-Preview-Frame"));
      assertEquals("3", r.getHeader("Sinfonia-Preview-Frames"));
      BufferedImage referee =
          ImageIO.read(
              new ByteArrayInputStream(corpus.dcmj2pnm(mf, "+F", Integer.toString(frame), "+Wm")));
      assertTrue(equalShare(png(r), referee, 1) >= 0.995, "frame " + frame);
    }
    assertEquals(
        "2",
        preview("alice", id, "?size=full").getHeader("Sinfonia-Preview-Frame"),
        "the middle frame");
    HttpResponse<Buffer> beyond = preview("alice", id, "?frame=9");
    assertEquals(200, beyond.statusCode());
    assertEquals("FRAME_OUT_OF_RANGE", beyond.getHeader("Sinfonia-Preview-Failure"));
    assertNotNull(png(beyond));
  }

  @Test
  void cachedWithEtagsAndAudited() throws Exception {
    String id = upload(corpus.ct("cached", 64, "2.25.7003", "2.25.7003.1", "2.25.7003.1.1", 0));
    HttpResponse<Buffer> first = preview("alice", id, "?size=128");
    assertEquals("rendered", first.getHeader("Sinfonia-Preview-Cache"));
    HttpResponse<Buffer> second = preview("alice", id, "?size=128");
    assertEquals("memory", second.getHeader("Sinfonia-Preview-Cache"));
    assertEquals(first.getHeader("ETag"), second.getHeader("ETag"));
    assertEquals(first.body(), second.body());
    HttpResponse<Buffer> other = preview("alice", id, "?size=512");
    assertFalse(
        other.getHeader("ETag").equals(first.getHeader("ETag")),
        "the parameters are part of the tag");

    HttpResponse<Buffer> notModified =
        Await.result(
            node.client
                .get("/api/v1/files/" + id + "/preview?size=128")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("If-None-Match", first.getHeader("ETag"))
                .send());
    assertEquals(304, notModified.statusCode());
    assertNull(notModified.body());

    HttpResponse<Buffer> head =
        api.call("alice", HttpMethod.HEAD, "/files/" + id + "/preview?size=128", null);
    assertEquals(200, head.statusCode());
    assertEquals(Integer.toString(first.body().length()), head.getHeader("Content-Length"));

    JsonArray audit = api.expectList(api.get("admin", "/audit?resource=" + id));
    assertTrue(
        audit.stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                e ->
                    e.getString("action").equals("preview")
                        && e.getString("user").equals("alice")
                        && e.getString("detail").startsWith("128")),
        audit.encode());
  }

  @Test
  void previewsNeedReadAccessLikeDownloads() throws Exception {
    String folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "private-previews")));
    Path ct = corpus.ct("secret", 32, "2.25.7004", "2.25.7004.1", "2.25.7004.1.1", 0);
    String id = api.upload("alice", folder, "secret.dcm", Files.readAllBytes(ct)).getString("id");
    for (String path : new String[] {"/preview", "/dicom-tags", "/dicom-summary", "/zip-entries"}) {
      JsonObject denied = api.expect(404, api.get("bob", "/files/" + id + path));
      assertEquals("FILE_NOT_FOUND", denied.getString("error"), path);
      api.expect(404, api.get("anonymous", "/files/" + id + path));
    }
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + folder + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    assertEquals(32, png(preview("bob", id, "?size=128")).getWidth());
  }

  @Test
  void whatCannotBeRenderedIsAPlaceholderWithAReason() throws Exception {
    String jpeg =
        upload(corpus.progressiveJpeg("progressive", "2.25.7005", "2.25.7005.1", "2.25.7005.1.1"));
    HttpResponse<Buffer> r = preview("alice", jpeg, "?size=128");
    assertEquals("UNSUPPORTED_TRANSFER_SYNTAX", r.getHeader("Sinfonia-Preview-Failure"));
    assertEquals(64, png(r).getWidth(), "the size the image would have had");
    JsonObject summary = api.expect(200, api.get("alice", "/files/" + jpeg + "/dicom-summary"));
    assertEquals("1.2.840.10008.1.2.4.55", summary.getString("transferSyntaxUid"));
    JsonObject failure = summary.getJsonObject("preview").getJsonObject("failure");
    assertEquals("UNSUPPORTED_TRANSFER_SYNTAX", failure.getString("code"));
    assertTrue(failure.getString("message").contains("1.2.840.10008.1.2.4.55"), failure.encode());
    assertFalse(summary.getJsonObject("preview").getBoolean("renderable"));

    String text = api.upload("alice", home, "notes.txt", "hello".getBytes()).getString("id");
    HttpResponse<Buffer> t = preview("alice", text, "?size=128");
    assertEquals("NOT_AN_IMAGE", t.getHeader("Sinfonia-Preview-Failure"));
    assertEquals(128, png(t).getWidth());
    JsonObject notDicom = api.expect(415, api.get("alice", "/files/" + text + "/dicom-tags"));
    assertEquals("NOT_DICOM", notDicom.getString("error"));
    JsonObject textSummary = api.expect(200, api.get("alice", "/files/" + text + "/dicom-summary"));
    assertFalse(textSummary.getBoolean("dicom"));
    assertEquals("text", textSummary.getString("kind"));
    assertEquals(
        "/api/v1/files/" + text + "/download?inline=true", textSummary.getString("inline"));

    String broken =
        api.upload("alice", home, "broken.dcm", "DICM but not really".getBytes()).getString("id");
    HttpResponse<Buffer> b = preview("alice", broken, "?size=128");
    assertEquals("NOT_DICOM", b.getHeader("Sinfonia-Preview-Failure"));
    api.expect(415, api.get("alice", "/files/" + broken + "/dicom-tags"));
  }

  @Test
  void attributeListWithNestedSequencesAndPrivateTags() throws Exception {
    String id = upload(corpus.attributeZoo("zoo", "2.25.7006", "2.25.7006.1", "2.25.7006.1.1"));
    JsonArray tags = api.expectList(api.get("alice", "/files/" + id + "/dicom-tags"));
    JsonObject physician = row(tags, "(0008,0090)");
    assertEquals("ReferringPhysicianName", physician.getString("keyword"));
    assertEquals("Dr. John W Doe, Jr.", physician.getString("value"));
    JsonObject priv = row(tags, "(0009,1001)");
    assertEquals("ACME 1.0", priv.getString("privateCreator"));
    assertEquals("private value", priv.getString("value"));
    JsonObject outer = row(tags, "(0008,1115)");
    assertEquals("SQ", outer.getString("vr"));
    JsonArray firstItem = outer.getJsonArray("items").getJsonArray(0);
    JsonObject inner = row(firstItem, "(0008,114A)");
    JsonArray innerItem = inner.getJsonArray("items").getJsonArray(0);
    assertEquals("2.25.7006.1.1.8", row(innerItem, "(0008,1155)").getString("value"));
    HttpResponse<Buffer> noPixels = preview("alice", id, "?size=128");
    assertEquals("NO_PIXEL_DATA", noPixels.getHeader("Sinfonia-Preview-Failure"));
  }

  private static JsonObject row(JsonArray rows, String tag) {
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("tag").equalsIgnoreCase(tag))
        .findFirst()
        .orElseThrow(() -> new AssertionError(tag + " not in " + rows.encode()));
  }

  @Test
  void rtDoseAndPlanSummariesAndTheDosePicture() throws Exception {
    String dose = upload(corpus.rtDose("dose", "2.25.7007", "2.25.7007.2", "2.25.7007.2.1"));
    JsonObject summary = api.expect(200, api.get("alice", "/files/" + dose + "/dicom-summary"));
    assertEquals("rtdose", summary.getString("kind"));
    JsonObject rt = summary.getJsonObject("rtDose");
    assertEquals(10.0, rt.getJsonObject("maximum").getDouble("dose"), 1e-9, rt.encode());
    assertEquals(3, rt.getJsonObject("maximum").getInteger("frameNumber"));
    assertEquals("GY", rt.getString("doseUnits"));
    assertEquals(16, rt.getJsonObject("grid").getInteger("columns"));
    assertTrue(summary.getJsonObject("preview").getBoolean("renderable"));
    HttpResponse<Buffer> picture = preview("alice", dose, "?size=512");
    assertNull(picture.getHeader("Sinfonia-Preview-Failure"));
    assertEquals("3", picture.getHeader("Sinfonia-Preview-Frame"), "the plane through the maximum");
    BufferedImage image = png(picture);
    assertTrue(image.getWidth() <= 512 && image.getWidth() > image.getHeight(), "grid and legend");

    String plan = upload(corpus.rtPlan("plan", "2.25.7007", "2.25.7007.3", "2.25.7007.3.1"));
    JsonObject planSummary = api.expect(200, api.get("alice", "/files/" + plan + "/dicom-summary"));
    assertEquals("rtplan", planSummary.getString("kind"));
    JsonObject rtPlan = planSummary.getJsonObject("rtPlan");
    assertEquals("PROST_VMAT", rtPlan.getString("label"));
    assertEquals(2, rtPlan.getJsonArray("beams").size());
    assertEquals(310.25, rtPlan.getJsonArray("beams").getJsonObject(1).getDouble("meterset"), 1e-9);
    assertEquals(
        39, rtPlan.getJsonArray("fractionGroups").getJsonObject(0).getInteger("fractionsPlanned"));
    assertEquals(
        "NO_PIXEL_DATA",
        planSummary.getJsonObject("preview").getJsonObject("failure").getString("code"));
  }

  @Test
  void rtStructureSetContoursOnItsReadableCt() throws Exception {
    String folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "rt")));
    String study = "2.25.7008";
    String ctSeries = study + ".1";
    String struct =
        api.upload(
                "alice",
                folder,
                "rs.dcm",
                Files.readAllBytes(
                    corpus.rtStruct(
                        "rs",
                        study,
                        study + ".5",
                        study + ".5.1",
                        study,
                        ctSeries,
                        ctSeries + ".2",
                        2)))
            .getString("id");
    HttpResponse<Buffer> missing = preview("alice", struct, "?size=512");
    assertEquals("REFERENCED_IMAGES_NOT_FOUND", missing.getHeader("Sinfonia-Preview-Failure"));

    for (int i = 1; i <= 3; i++) {
      api.upload(
          "alice",
          folder,
          "slice" + i + ".dcm",
          Files.readAllBytes(
              corpus.slice("slice" + i, 64, study, ctSeries, ctSeries + "." + i, i, 2 * (i - 1))));
    }
    HttpResponse<Buffer> drawn = preview("alice", struct, "?size=512");
    assertNull(
        drawn.getHeader("Sinfonia-Preview-Failure"), drawn.getHeader("Sinfonia-Preview-Failure"));
    BufferedImage image = png(drawn);
    assertEquals(64, image.getWidth(), "the CT slice's own size (never enlarged)");
    int onTopEdge = image.getRGB(32, 22);
    assertTrue(
        (onTopEdge >> 16 & 0xFF) > 150 && (onTopEdge >> 8 & 0xFF) < 100,
        "red PTV edge: " + Integer.toHexString(onTopEdge));
    int inside = image.getRGB(32, 32);
    assertEquals(inside >> 16 & 0xFF, inside & 0xFF, "grey inside the contour");

    JsonObject summary = api.expect(200, api.get("alice", "/files/" + struct + "/dicom-summary"));
    JsonObject rs = summary.getJsonObject("rtStructureSet");
    assertEquals("PROSTATE", rs.getString("label"));
    assertEquals(2, rs.getJsonArray("rois").size());
    assertEquals(
        ctSeries,
        rs.getJsonArray("referencedSeries").getJsonObject(0).getString("seriesInstanceUid"));
    assertEquals(
        ctSeries + ".2",
        summary
            .getJsonObject("preview")
            .getJsonObject("referencedImage")
            .getString("sopInstanceUid"));

    // carol may read the structure set but not the CT: no contours for her, and nothing of the CT
    // is shown
    String shared =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "rt-shared")));
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + shared + "/access",
            Api.acl(false, Map.of("alice", 2, "carol", 0), Map.of())));
    String copy =
        api.upload("alice", shared, "rs.dcm", Files.readAllBytes(dir.resolve("rs.dcm")))
            .getString("id");
    assertEquals(
        "REFERENCED_IMAGES_NOT_FOUND",
        preview("carol", copy, "?size=512").getHeader("Sinfonia-Preview-Failure"));
    assertNull(preview("alice", copy, "?size=512").getHeader("Sinfonia-Preview-Failure"));
  }
}
