package org.sinfonia.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;

/**
 * Every corpus image rendered at full size, compared pixel by pixel with dcmtk's dcmj2pnm given the
 * same frame and VOI choice (dcml2pnm, its JPEG-LS twin, for JPEG-LS files). Tolerances (8-bit
 * display values):
 *
 * <ul>
 *   <li>greyscale, RGB, palette, lossless codecs: no sample more than 2 levels away and at least
 *       99.5% of samples exactly equal (in practice all are equal);
 *   <li>YBR_FULL / YBR_FULL_422: no sample more than 2 levels away. The renderer uses PS3.3's
 *       equations (chroma centred on 128, rounded); dcmtk centres chroma on 127.5 (its 0.7010 x 255
 *       offset) and truncates, so about half the samples differ by 1;
 *   <li>lossy JPEG: no sample more than 2 levels away (two codecs' inverse DCTs round differently;
 *       measured: at most 1, 93-100% exact).
 * </ul>
 */
class DcmtkComparisonTest {

  static final int MAX_DIFFERENCE = 2;
  static final double MIN_EXACT_SHARE = 0.995;
  static final int MAX_LOSSY_DIFFERENCE = 2;

  static Stream<RenderCorpus.Case> cases() {
    return RenderCorpus.shared().comparisons().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersAsDcmtkDoes(RenderCorpus.Case c) throws Exception {
    RenderCorpus corpus = RenderCorpus.shared();
    Path file = corpus.file(c.name());
    DicomDataset header = DicomHeaderReader.read(file, DicomParserOptions.defaults());
    RenderRequest request = RenderRequest.full();
    if (c.frame() > 0) {
      request = request.withFrame(c.frame());
    }
    RenderResult result = new DicomRenderer().render(file, header, request);
    assertTrue(result.rendered(), () -> c + ": " + result.failure());

    Path reference = corpus.dir().resolve(c.name() + "-" + c.frame() + ".pnm");
    String tool =
        c.name().contains("jpegls")
            ? "dcml2pnm"
            : "dcmj2pnm"; // dcmtk's JPEG-LS build of the same tool
    List<String> command =
        new ArrayList<>(List.of(tool, "-q", "+op", "+F", String.valueOf(result.frameNumber())));
    command.addAll(c.voi());
    command.addAll(List.of(file.toString(), reference.toString()));
    Dcmtk.run(corpus.dir(), command);

    ImageDifference difference = ImageDifference.between(result.image(), Pnm.read(reference));
    System.out.println(c + ": " + difference); // the figures RENDER.md quotes
    switch (c.tolerance()) {
      case EXACT ->
          assertTrue(
              difference.maxAbsDifference() <= MAX_DIFFERENCE
                  && difference.exactShare() >= MIN_EXACT_SHARE,
              c + ": " + difference);
      case YBR_EQUATIONS ->
          assertTrue(difference.maxAbsDifference() <= MAX_DIFFERENCE, c + ": " + difference);
      case LOSSY ->
          assertTrue(difference.maxAbsDifference() <= MAX_LOSSY_DIFFERENCE, c + ": " + difference);
    }
    if (c.frame() == 0) {
      assertEquals(result.frames() / 2 + 1, result.frameNumber(), "the middle frame by default");
    }
  }
}
