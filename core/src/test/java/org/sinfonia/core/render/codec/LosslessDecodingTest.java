package org.sinfonia.core.render.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.render.DicomRenderer;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderCorpus;
import org.sinfonia.core.render.StoredFile;
import org.sinfonia.core.render.frame.FrameReader;

/**
 * Lossless codecs (RLE, JPEG lossless, JPEG-LS) give back exactly the stored values of the native
 * image they were made from: a check on the decoders that does not go through any display step.
 */
class LosslessDecodingTest {

  @ParameterizedTest(name = "{0} frame {2}")
  @CsvSource({
    "mf-16-rle, mf-16, 4",
    "mono2-s16-rle, mono2-s16, 1",
    "rgb-rle, rgb, 1",
    "ybr-full-rle, ybr-full, 1",
    "ct-12-jpeg-sv1, ct-12, 1",
    "mf-16-jpeg-sv1, mf-16, 5",
    "mono2-16-jpeg-lossless-p6, mono2-16, 1",
    "ct-12-jpeg-lossless-p2, ct-12, 1",
    "ct-12-jpeg-lossless-p3, ct-12, 1",
    "ct-12-jpeg-lossless-p4, ct-12, 1",
    "ct-12-jpeg-lossless-p5, ct-12, 1",
    "ct-12-jpeg-lossless-p7, ct-12, 1",
    "mono2-s16-jpeg-sv1, mono2-s16, 1",
    "rgb-jpeg-sv1, rgb, 1",
    "mono2-8-jpeg-sv1, mono2-8, 1",
    "ct-12-jpegls, ct-12, 1",
    "mono2-8-jpegls, mono2-8, 1",
    "mono2-16-jpegls, mono2-16, 1",
    "mono2-s16-jpegls, mono2-s16, 1",
    "mf-16-jpegls, mf-16, 2",
    "rgb-jpegls, rgb, 1",
    "rgb-jpegls-uninterleaved, rgb, 1",
    "rgb-jpegls-sample-interleaved, rgb, 1",
  })
  void decodesToTheOriginalStoredValues(String compressed, String original, int frame)
      throws Exception {
    DecodedFrame decoded = decode(compressed, frame);
    DecodedFrame expected = decode(original, frame);
    assertEquals(expected.samplesPerPixel(), decoded.samplesPerPixel());
    assertArrayEquals(expected.samples(), decoded.samples(), compressed);
  }

  private static DecodedFrame decode(String name, int frame) throws Exception {
    Path file = RenderCorpus.shared().file(name);
    DicomDataset header = DicomHeaderReader.read(file, DicomParserOptions.defaults());
    try (FileChannel channel = FileChannel.open(file)) {
      return FrameReader.read(
          new StoredFile(channel, DicomRenderer.transferSyntaxOf(header).bigEndian()),
          header,
          DicomRenderer.transferSyntaxOf(header),
          PixelDescription.of(header),
          frame - 1);
    }
  }
}
