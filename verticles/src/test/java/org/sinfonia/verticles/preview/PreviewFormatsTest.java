package org.sinfonia.verticles.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Files that are not DICOM: picture thumbnails (PNG, JPEG, GIF's first frame, BMP, TIFF) whatever
 * the declared type, media and documents served inline with their type, Range and the download's
 * protections, zip listings (Info-ZIP's, 10^4 entries, a corrupt one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class PreviewFormatsTest {

  @TempDir Path dir;

  private TestNode node;
  private Api api;
  private String home;

  @BeforeAll
  void start() {
    node = TestNode.start(Map.of("SINFONIA_PREVIEWS_ON_INGEST", "false"));
    api = Api.demo(node);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /** 300 x 200: left half red, right half blue. */
  private static BufferedImage picture(Color left, Color right) {
    BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, 150, 200);
    g.setColor(right);
    g.fillRect(150, 0, 150, 200);
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), "a JDK writer for " + format);
    return out.toByteArray();
  }

  /** A two-frame GIF: the first frame red/blue, the second green. */
  private static byte[] animatedGif() throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame :
          List.of(picture(Color.RED, Color.BLUE), picture(Color.GREEN, Color.GREEN))) {
        IIOMetadata meta =
            writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        writer.writeToSequence(new IIOImage(frame, null, meta), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  @Test
  void pictureThumbnailsWhateverTheDeclaredType() throws Exception {
    BufferedImage source = picture(Color.RED, Color.BLUE);
    Map<String, byte[]> files =
        Map.of(
            "a.png",
            encode(source, "png"),
            "b.jpg",
            encode(source, "jpeg"),
            "c.bmp",
            encode(source, "bmp"),
            "d.tif",
            encode(source, "tiff"),
            "e.gif",
            animatedGif(),
            "no-extension",
            encode(source, "png"));
    for (var f : files.entrySet()) {
      String id = api.upload("alice", home, f.getKey(), f.getValue()).getString("id");
      HttpResponse<Buffer> r = api.get("alice", "/files/" + id + "/preview?size=128");
      assertNull(
          r.getHeader("Sinfonia-Preview-Failure"),
          f.getKey() + ": " + r.getHeader("Sinfonia-Preview-Failure"));
      BufferedImage thumb = PreviewApiTest.png(r);
      assertEquals(128, thumb.getWidth(), f.getKey());
      assertEquals(85, thumb.getHeight(), f.getKey());
      Color left = new Color(thumb.getRGB(20, 40));
      Color right = new Color(thumb.getRGB(108, 40));
      assertTrue(left.getRed() > 200 && left.getBlue() < 60, f.getKey() + " left " + left);
      assertTrue(
          right.getBlue() > 200 && right.getRed() < 60,
          f.getKey() + " right " + right + " (GIF: frame 1)");
      BufferedImage full =
          PreviewApiTest.png(api.get("alice", "/files/" + id + "/preview?size=full"));
      assertEquals(300, full.getWidth(), f.getKey());
    }
    String corrupt =
        api.upload("alice", home, "broken.png", Arrays.copyOf(encode(source, "png"), 60))
            .getString("id");
    HttpResponse<Buffer> r = api.get("alice", "/files/" + corrupt + "/preview?size=128");
    assertEquals("IMAGE_DECODING_FAILED", r.getHeader("Sinfonia-Preview-Failure"));
    assertEquals(128, PreviewApiTest.png(r).getWidth());
  }

  @Test
  void mediaAndDocumentsAreServedInlineWithRange() {
    Map<String, String> types =
        Map.of(
            "clip.mp4",
            "video/mp4",
            "clip.webm",
            "video/webm",
            "sound.ogg",
            "audio/ogg",
            "paper.pdf",
            "application/pdf",
            "notes.txt",
            "text/plain; charset=utf-8",
            "table.csv",
            "text/csv; charset=utf-8");
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    for (var t : types.entrySet()) {
      String id = api.upload("alice", home, t.getKey(), bytes).getString("id");
      HttpResponse<Buffer> r =
          Await.result(
              node.client
                  .get("/api/v1/files/" + id + "/download?inline=true")
                  .putHeader("Authorization", "Bearer " + api.token("alice"))
                  .putHeader("Range", "bytes=100-199")
                  .send());
      assertEquals(206, r.statusCode(), t.getKey());
      assertEquals(t.getValue(), r.getHeader("Content-Type"), t.getKey());
      assertEquals("bytes 100-199/4096", r.getHeader("Content-Range"));
      assertEquals(100, r.body().length());
      assertEquals((byte) 100, r.body().getByte(0));
      assertTrue(r.getHeader("Content-Disposition").startsWith("inline;"), t.getKey());
      assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
      // Sandboxed, except a PDF (Chrome and Safari will not show one in a sandboxed document);
      // never scripts.
      assertEquals(
          !t.getKey().endsWith(".pdf"),
          r.getHeader("Content-Security-Policy").startsWith("sandbox"),
          t.getKey());
      assertTrue(r.getHeader("Content-Security-Policy").contains("default-src 'none'"), t.getKey());
      HttpResponse<Buffer> preview = api.get("alice", "/files/" + id + "/preview?size=128");
      assertEquals("NOT_AN_IMAGE", preview.getHeader("Sinfonia-Preview-Failure"), t.getKey());
      JsonObject summary = api.expect(200, api.get("alice", "/files/" + id + "/dicom-summary"));
      assertEquals(
          "/api/v1/files/" + id + "/download?inline=true", summary.getString("inline"), t.getKey());
    }
  }

  private void zip(Path workDir, String... args) throws Exception {
    Process p =
        new ProcessBuilder(args).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(
        p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "zip failed (installed?): " + out);
  }

  @Test
  void zipEntriesFromTheCentralDirectory() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("study/CT"));
    Files.write(tree.resolve("slice1.dcm"), new byte[1000]);
    Files.write(tree.resolve("slice2.dcm"), new byte[2000]);
    Files.writeString(dir.resolve("study/README.txt"), "twelve bytes");
    zip(dir, "zip", "-r", "-q", "study.zip", "study");
    String id =
        api.upload("alice", home, "study.zip", Files.readAllBytes(dir.resolve("study.zip")))
            .getString("id");
    JsonObject listing = api.expect(200, api.get("alice", "/files/" + id + "/zip-entries"));
    assertEquals(3, listing.getLong("files"));
    assertEquals(3012, listing.getLong("size"));
    JsonObject study = listing.getJsonObject("root").getJsonArray("children").getJsonObject(0);
    assertEquals("study", study.getString("name"));
    assertEquals("directory", study.getString("kind"));
    JsonArray children = study.getJsonArray("children");
    assertEquals("CT", children.getJsonObject(0).getString("name"), "directories first");
    assertEquals("README.txt", children.getJsonObject(1).getString("name"));
    assertEquals(12, children.getJsonObject(1).getLong("size"));
    assertEquals(
        2000, children.getJsonObject(0).getJsonArray("children").getJsonObject(1).getLong("size"));
    JsonObject summary = api.expect(200, api.get("alice", "/files/" + id + "/dicom-summary"));
    assertEquals("zip", summary.getString("kind"));
    assertEquals("/api/v1/files/" + id + "/zip-entries", summary.getString("zipEntries"));

    byte[] whole = Files.readAllBytes(dir.resolve("study.zip"));
    String cut =
        api.upload("alice", home, "cut.zip", Arrays.copyOf(whole, whole.length / 2))
            .getString("id");
    JsonObject corrupt = api.expect(400, api.get("alice", "/files/" + cut + "/zip-entries"));
    assertEquals("ZIP_CORRUPT", corrupt.getString("error"));
    assertTrue(corrupt.getString("message").length() > 10, corrupt.encode());
  }

  @Test
  void tenThousandEntriesAreListedFast() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < 10_000; i++) {
        zip.putNextEntry(new ZipEntry("series" + (i / 1000) + "/image" + i + ".dcm"));
        zip.write(new byte[] {(byte) i});
        zip.closeEntry();
      }
    }
    String id = api.upload("alice", home, "many.zip", bytes.toByteArray()).getString("id");
    long t0 = System.nanoTime();
    JsonObject listing = api.expect(200, api.get("alice", "/files/" + id + "/zip-entries"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(10_000, listing.getLong("files"));
    assertEquals(10, listing.getJsonObject("root").getJsonArray("children").size());
    assertTrue(ms < 10_000, "10^4 entries listed in " + ms + " ms");
  }
}
