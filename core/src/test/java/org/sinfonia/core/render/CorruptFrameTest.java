package org.sinfonia.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;

/**
 * Seeded corruption of the pixel data of every codec's files (bytes flipped, runs zeroed or set to
 * FF, the file cut short) while the header stays the intact one: every render returns an image
 * (rendered or placeholder) quickly, nothing is thrown, and every failure is one the decoders state
 * themselves (a runtime exception caught by the renderer's safety net would show as
 * "java.lang...").
 */
class CorruptFrameTest {

  /**
   * 40 per file by default; {@code -Dsinfonia.render.mutations=1000} for a longer run (10,000
   * cases: 40 s).
   */
  private static final int MUTATIONS = Integer.getInteger("sinfonia.render.mutations", 40);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ct-12",
        "mf-16-deflated",
        "mf-16-rle",
        "ybr-full-rle",
        "mf-16-jpeg-sv1",
        "rgb-jpeg-sv1",
        "ct-12-jpegls",
        "rgb-jpegls-sample-interleaved",
        "ct-12-jpeg-extended",
        "mono2-8-jpeg-baseline",
        "rgb-jpeg-baseline"
      })
  void corruptPixelDataGivesAnImageAndNoException(String name) throws Exception {
    Path original = RenderCorpus.shared().file(name);
    DicomDataset header = DicomHeaderReader.read(original, DicomParserOptions.defaults());
    DicomValue pixelData = header.find(DicomTags.PIXEL_DATA).orElseThrow().value();
    long start =
        pixelData instanceof DicomValue.Fragments f
            ? f.offset()
            : ((DicomValue.BulkData) pixelData).offset();
    byte[] bytes = Files.readAllBytes(original);
    Random random = new Random(name.hashCode());
    DicomRenderer renderer = new DicomRenderer();
    for (int m = 0; m < MUTATIONS; m++) {
      byte[] mutated = mutate(bytes, (int) start, random);
      Path file = dir.resolve(name + "-" + m + ".dcm");
      Files.write(file, mutated);
      RenderRequest request = m % 2 == 0 ? RenderRequest.full() : RenderRequest.thumbnail();
      String where = name + " mutation " + m;
      RenderResult result =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> renderer.render(file, header, request), where);
      assertNotNull(result.image(), where);
      assertTrue(result.rendered() || result.failure().isPresent(), where);
      result
          .failure()
          .ifPresent(
              failure ->
                  assertFalse(
                      failure.message().startsWith("java."), where + ": " + failure.describe()));
    }
  }

  private static byte[] mutate(byte[] bytes, int pixelStart, Random random) {
    byte[] copy = bytes.clone();
    int span = copy.length - pixelStart;
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          copy[pixelStart + random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        int from = pixelStart + random.nextInt(span);
        Arrays.fill(copy, from, Math.min(copy.length, from + 1 + random.nextInt(64)), (byte) 0);
      }
      case 2 -> {
        int from = pixelStart + random.nextInt(span);
        Arrays.fill(copy, from, Math.min(copy.length, from + 1 + random.nextInt(64)), (byte) 0xFF);
      }
      default -> {
        return Arrays.copyOf(copy, pixelStart + random.nextInt(span));
      }
    }
    return copy;
  }
}
