package org.sinfonia.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;

/**
 * Bad or unsupported input gives a placeholder of the requested size and a reason, never an
 * exception.
 */
class PlaceholderTest {

  private final RenderCorpus corpus = RenderCorpus.shared();
  private final DicomRenderer renderer = new DicomRenderer();

  @TempDir Path temp;

  @Test
  void unsupportedTransferSyntaxes() throws Exception {
    assertFailure(
        "mono2-8-jpeg-progressive",
        RenderRequest.thumbnail(),
        RenderFailure.Code.UNSUPPORTED_TRANSFER_SYNTAX);
  }

  @Test
  void headerDescribingMoreThanThePixelData() throws Exception {
    assertFailure(
        "rows-too-many", RenderRequest.preview(), RenderFailure.Code.TRUNCATED_PIXEL_DATA);
  }

  @Test
  void impossiblePixelDescriptions() throws Exception {
    assertFailure(
        "bits-allocated-12", RenderRequest.full(), RenderFailure.Code.BAD_PIXEL_DESCRIPTION);
    assertFailure(
        "photometric-hsv",
        RenderRequest.full(),
        RenderFailure.Code.UNSUPPORTED_PHOTOMETRIC_INTERPRETATION);
    assertFailure("no-pixel-data", RenderRequest.thumbnail(), RenderFailure.Code.NO_PIXEL_DATA);
    assertFailure("huge-frame", RenderRequest.thumbnail(), RenderFailure.Code.FRAME_TOO_LARGE);
    assertFailure(
        "mf-16", RenderRequest.full().withFrame(6), RenderFailure.Code.FRAME_OUT_OF_RANGE);
  }

  @Test
  void storedFileShorterThanItsHeader() throws Exception {
    Path original = corpus.file("ct-12");
    DicomDataset header = header(original);
    Path truncated = temp.resolve("truncated.dcm");
    byte[] bytes = Files.readAllBytes(original);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    RenderResult result = renderer.render(truncated, header, RenderRequest.thumbnail());
    assertEquals(RenderFailure.Code.TRUNCATED_PIXEL_DATA, result.failure().orElseThrow().code());
    assertEquals(
        64, result.image().getWidth(), "the placeholder has the size the image would have had");
  }

  @Test
  void missingFile() throws Exception {
    DicomDataset header = header(corpus.file("ct-12"));
    RenderResult result =
        renderer.render(temp.resolve("gone.dcm"), header, RenderRequest.preview());
    assertEquals(RenderFailure.Code.IO_ERROR, result.failure().orElseThrow().code());
  }

  @Test
  void corruptCompressedFrames() throws Exception {
    for (String name : new String[] {"mf-16-rle", "mf-16-jpeg-sv1", "mono2-8-jpeg-baseline"}) {
      Path original = corpus.file(name);
      DicomDataset header = header(original);
      DicomValue.Fragments fragments =
          (DicomValue.Fragments) header.find(DicomTags.PIXEL_DATA).orElseThrow().value();
      DicomValue.BulkData first = fragments.fragments().get(0);
      Path corrupt = temp.resolve(name + "-corrupt.dcm");
      Files.copy(original, corrupt);
      try (FileChannel channel = FileChannel.open(corrupt, StandardOpenOption.WRITE)) {
        byte[] garbage = new byte[(int) Math.min(64, first.length())];
        java.util.Arrays.fill(garbage, (byte) 0xFF);
        channel.write(ByteBuffer.wrap(garbage), first.offset()); // headers and tables destroyed
      }
      RenderResult result = renderer.render(corrupt, header, RenderRequest.full().withFrame(1));
      assertFalse(result.rendered(), name);
      assertEquals(RenderFailure.Code.DECODING_FAILED, result.failure().orElseThrow().code(), name);
    }
  }

  @Test
  void placeholderIsAPngOfTheRequestedSize() throws Exception {
    Path file = corpus.file("mono2-8-jpeg-progressive");
    RenderResult result = renderer.render(file, header(file), RenderRequest.preview());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(result.png()));
    assertNotNull(decoded);
    assertEquals(64, decoded.getWidth(), "a 64x48 image is not enlarged, nor is its placeholder");
    assertEquals(48, decoded.getHeight());
  }

  private void assertFailure(String name, RenderRequest request, RenderFailure.Code code)
      throws Exception {
    Path file = corpus.file(name);
    RenderResult result = renderer.render(file, header(file), request);
    assertEquals(
        code,
        result.failure().map(RenderFailure::code).orElse(null),
        name + ": " + result.failure());
    assertNotNull(result.image());
    assertNotNull(result.png());
  }

  private static DicomDataset header(Path file) throws Exception {
    return DicomHeaderReader.read(file, DicomParserOptions.defaults());
  }
}
