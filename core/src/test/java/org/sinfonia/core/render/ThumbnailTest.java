package org.sinfonia.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.render.display.Window;

/** Sizes, proportions and content of thumbnails and previews; windows asked for by the caller. */
class ThumbnailTest {

  private final RenderCorpus corpus = RenderCorpus.shared();
  private final DicomRenderer renderer = new DicomRenderer();

  @Test
  void thumbnailKeepsProportionsAndMatchesAScaledFullRendering() throws Exception {
    Path file = corpus.file("ct-512x384");
    DicomDataset header = DicomHeaderReader.read(file, DicomParserOptions.defaults());
    RenderResult thumbnail = renderer.render(file, header, RenderRequest.thumbnail());
    assertTrue(thumbnail.rendered(), () -> thumbnail.failure().toString());
    assertEquals(128, thumbnail.image().getWidth());
    assertEquals(96, thumbnail.image().getHeight());
    assertEquals(512, thumbnail.columns());

    // the full rendering, averaged over 4x4 blocks, is what the thumbnail should look like
    BufferedImage full = renderer.render(file, header, RenderRequest.full()).image();
    double totalDifference = 0;
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 128; x++) {
        int sum = 0;
        for (int dy = 0; dy < 4; dy++) {
          for (int dx = 0; dx < 4; dx++) {
            sum += full.getRaster().getSample(4 * x + dx, 4 * y + dy, 0);
          }
        }
        totalDifference += Math.abs(sum / 16.0 - thumbnail.image().getRaster().getSample(x, y, 0));
      }
    }
    double meanDifference = totalDifference / (128 * 96);
    assertTrue(
        meanDifference < 2.0,
        "mean difference from the averaged full rendering: " + meanDifference);
  }

  @Test
  void oneRendererServesThreadsAtOnce() throws Exception {
    String[] names = {
      "ct-12-jpeg-sv1",
      "ct-12-jpegls",
      "mono2-8-jpeg-baseline",
      "ct-12-jpeg-extended",
      "mf-16-rle",
      "palette",
      "rgb-jpegls",
      "ct-512x384"
    };
    Map<String, byte[]> serial = new HashMap<>();
    Map<String, DicomDataset> headers = new HashMap<>();
    for (String name : names) {
      headers.put(name, DicomHeaderReader.read(corpus.file(name), DicomParserOptions.defaults()));
      serial.put(
          name,
          renderer.render(corpus.file(name), headers.get(name), RenderRequest.thumbnail()).png());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> same = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String name : names) {
          same.add(
              pool.submit(
                  () ->
                      Arrays.equals(
                          serial.get(name),
                          renderer
                              .render(
                                  corpus.file(name), headers.get(name), RenderRequest.thumbnail())
                              .png())));
        }
      }
      for (Future<Boolean> result : same) {
        assertTrue(result.get(), "a concurrent rendering differs from the serial one");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void previewOfASmallImageIsNotEnlarged() throws Exception {
    Path file = corpus.file("rgb");
    RenderResult preview =
        renderer.render(
            file,
            DicomHeaderReader.read(file, DicomParserOptions.defaults()),
            RenderRequest.preview());
    assertEquals(64, preview.image().getWidth());
    assertEquals(48, preview.image().getHeight());
    assertEquals(BufferedImage.TYPE_INT_RGB, preview.image().getType());
  }

  @Test
  void previewOfALargeImageFitsIn512() throws Exception {
    Path file = corpus.file("ct-512x384");
    RenderResult preview =
        renderer.render(
            file,
            DicomHeaderReader.read(file, DicomParserOptions.defaults()),
            RenderRequest.preview());
    assertEquals(512, preview.image().getWidth());
    assertEquals(384, preview.image().getHeight());
  }

  @Test
  void requestedWindowReplacesTheFilesAsDcmtksSetWindowDoes() throws Exception {
    Path file = corpus.file("ct-12");
    RenderResult result =
        renderer.render(
            file,
            DicomHeaderReader.read(file, DicomParserOptions.defaults()),
            RenderRequest.full().withWindow(-200, 900));
    assertEquals(new Window(-200, 900), result.window().orElseThrow());
    Path reference = corpus.dir().resolve("ct-12-window.pnm");
    Dcmtk.run(
        corpus.dir(),
        List.of(
            "dcmj2pnm", "-q", "+op", "+Ww", "-200", "900", file.toString(), reference.toString()));
    ImageDifference difference = ImageDifference.between(result.image(), Pnm.read(reference));
    assertEquals(0, difference.maxAbsDifference(), difference.toString());
  }

  @Test
  void fileWindowIsTheFirstOfSeveral() throws Exception {
    Path file = corpus.file("ct-12");
    RenderResult result =
        renderer.render(
            file,
            DicomHeaderReader.read(file, DicomParserOptions.defaults()),
            RenderRequest.thumbnail());
    assertEquals(new Window(40, 400), result.window().orElseThrow());
  }
}
