package org.sinfonia.verticles.preview;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.render.DicomRenderer;
import org.sinfonia.core.rt.RtDoseReader;
import org.sinfonia.core.rt.RtPlanReader;
import org.sinfonia.core.rt.RtStructureSetReader;
import org.sinfonia.web.preview.RecordJson;

/**
 * The {@code dicom-summary} of a DICOM file, blocking (an RT Dose summary scans its grid):
 * identity, the image's pixel attributes as stored (so a file the renderer refuses still shows what
 * it claims), and the RT summaries of core ({@code rtDose}, {@code rtStructureSet}, {@code rtPlan},
 * shaped as their records); a summary that cannot be made is replaced by {@code {"error": reason}}.
 */
final class DicomSummaries {

  private static final int PLANAR_CONFIGURATION = 0x00280006;
  private static final int SLICE_THICKNESS = 0x00180050;
  private static final int VOI_LUT_FUNCTION = 0x00281056;

  private DicomSummaries() {}

  static JsonObject of(DicomDataset h, BlobSource file) {
    DicomKind kind = DicomKind.of(h);
    JsonObject out =
        new JsonObject()
            .put("dicom", true)
            .put("kind", kind.label())
            .put("sopClassUid", text(h, DicomTags.SOP_CLASS_UID))
            .put("sopInstanceUid", text(h, DicomTags.SOP_INSTANCE_UID))
            .put("studyInstanceUid", text(h, DicomTags.STUDY_INSTANCE_UID))
            .put("seriesInstanceUid", text(h, DicomTags.SERIES_INSTANCE_UID))
            .put("modality", text(h, DicomTags.MODALITY))
            .put("transferSyntaxUid", DicomRenderer.transferSyntaxOf(h).uid());
    if (h.contains(DicomTags.PIXEL_DATA)
        || h.contains(DicomTags.FLOAT_PIXEL_DATA)
        || h.contains(DicomTags.DOUBLE_FLOAT_PIXEL_DATA)) {
      out.put("image", image(h));
    }
    switch (kind) {
      case RT_DOSE ->
          out.put("rtDose", attempt(() -> RecordJson.object(RtDoseReader.summarize(file, h))));
      case RT_STRUCT ->
          out.put(
              "rtStructureSet",
              attempt(() -> RecordJson.object(RtStructureSetReader.summarize(h))));
      case RT_PLAN ->
          out.put("rtPlan", attempt(() -> RecordJson.object(RtPlanReader.summarize(h))));
      default -> {}
    }
    return out;
  }

  private static JsonObject image(DicomDataset h) {
    JsonObject image =
        new JsonObject()
            .put("rows", h.longValue(DicomTags.ROWS, 0))
            .put("columns", h.longValue(DicomTags.COLUMNS, 0))
            .put("frames", Math.max(1, h.longValue(DicomTags.NUMBER_OF_FRAMES, 1)))
            .put("samplesPerPixel", h.longValue(DicomTags.SAMPLES_PER_PIXEL, 1))
            .put("photometricInterpretation", text(h, DicomTags.PHOTOMETRIC_INTERPRETATION))
            .put("bitsAllocated", h.longValue(DicomTags.BITS_ALLOCATED, 0))
            .put("bitsStored", h.longValue(DicomTags.BITS_STORED, 0))
            .put("highBit", h.longValue(DicomTags.HIGH_BIT, 0))
            .put("pixelRepresentation", h.longValue(DicomTags.PIXEL_REPRESENTATION, 0))
            .put("planarConfiguration", h.longValue(PLANAR_CONFIGURATION, 0));
    double[] centers = numbers(h, DicomTags.WINDOW_CENTER);
    double[] widths = numbers(h, DicomTags.WINDOW_WIDTH);
    JsonArray windows = new JsonArray();
    for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
      windows.add(new JsonObject().put("center", centers[i]).put("width", widths[i]));
    }
    image.put("windows", windows);
    Optional.ofNullable(text(h, VOI_LUT_FUNCTION)).ifPresent(f -> image.put("voiLutFunction", f));
    double[] slope = numbers(h, DicomTags.RESCALE_SLOPE);
    double[] intercept = numbers(h, DicomTags.RESCALE_INTERCEPT);
    if (slope.length > 0 || intercept.length > 0) {
      image
          .put("rescaleSlope", slope.length > 0 ? slope[0] : 1.0)
          .put("rescaleIntercept", intercept.length > 0 ? intercept[0] : 0.0);
    }
    double[] spacing = numbers(h, DicomTags.PIXEL_SPACING);
    if (spacing.length == 2) {
      image.put("pixelSpacing", new JsonArray().add(spacing[0]).add(spacing[1]));
    }
    double[] thickness = numbers(h, SLICE_THICKNESS);
    if (thickness.length > 0) {
      image.put("sliceThickness", thickness[0]);
    }
    return image;
  }

  private static double[] numbers(DicomDataset h, int tag) {
    try {
      return h.find(tag).map(DicomElement::doubles).orElse(new double[0]);
    } catch (RuntimeException e) {
      return new double[0];
    }
  }

  private static String text(DicomDataset h, int tag) {
    String s = h.string(tag);
    return s == null ? null : s.trim();
  }

  private interface Summary {
    JsonObject make() throws Exception;
  }

  private static JsonObject attempt(Summary s) {
    try {
      return s.make();
    } catch (Exception e) {
      return new JsonObject().put("error", String.valueOf(e.getMessage()));
    }
  }
}
