package org.sinfonia.core.render.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.render.DicomRenderer;
import org.sinfonia.core.render.RenderCorpus;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderRequest;
import org.sinfonia.core.render.RenderResult;

/**
 * Segmented palettes (PS3.3 C.7.9.2): the expansion of each segment type, and a segmented file
 * rendering exactly as the plain-palette file it mirrors (which is compared with dcmtk; dcmtk
 * itself does not read segmented palettes).
 */
class SegmentedLutTest {

  @Test
  void discreteLinearAndIndirectSegments() throws Exception {
    int[] words = {
      0, 3, 10, 20, 30, // discrete: 10 20 30
      1, 4, 70, // linear from 30 to 70 in 4 steps: 40 50 60 70
      2, 1, 0, 0, // indirect: 1 segment from byte offset 0: 10 20 30 again
    };
    assertArrayEquals(
        new int[] {10, 20, 30, 40, 50, 60, 70, 10, 20, 30, 30, 30},
        SegmentedLut.expand(words, 12),
        "short data: the last value continues");
  }

  @Test
  void linearSegmentsRound() throws Exception {
    assertArrayEquals(
        new int[] {0, 33, 67, 100}, SegmentedLut.expand(new int[] {0, 1, 0, 1, 3, 100}, 4));
  }

  @Test
  void malformedSegmentsAreRefused() {
    assertThrows(
        RenderException.class, () -> SegmentedLut.expand(new int[] {1, 4, 70}, 4), "linear first");
    assertThrows(
        RenderException.class,
        () -> SegmentedLut.expand(new int[] {0, 9, 1, 2}, 4),
        "past the end");
    assertThrows(
        RenderException.class,
        () -> SegmentedLut.expand(new int[] {0, 1, 5, 7, 1, 0}, 4),
        "opcode 7");
    assertThrows(
        RenderException.class,
        () -> SegmentedLut.expand(new int[] {0, 1, 5, 2, 1, 6, 0}, 4),
        "an indirect segment pointing at itself");
  }

  @Test
  void segmentedFileRendersAsItsPlainTwin() throws Exception {
    RenderCorpus corpus = RenderCorpus.shared();
    BufferedImage plain = render(corpus.file("palette"));
    BufferedImage segmented = render(corpus.file("palette-segmented"));
    for (int y = 0; y < plain.getHeight(); y++) {
      for (int x = 0; x < plain.getWidth(); x++) {
        assertEquals(plain.getRGB(x, y), segmented.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  private static BufferedImage render(Path file) throws Exception {
    RenderResult result =
        new DicomRenderer()
            .render(
                file,
                DicomHeaderReader.read(file, DicomParserOptions.defaults()),
                RenderRequest.full());
    assertEquals(java.util.Optional.empty(), result.failure());
    return result.image();
  }
}
