package org.sinfonia.verticles.preview;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.render.DicomRenderer;
import org.sinfonia.core.render.RenderResult;
import org.sinfonia.core.render.output.RenderSize;
import org.sinfonia.core.rt.ContourPainter;
import org.sinfonia.core.rt.DoseSliceImage;
import org.sinfonia.core.rt.DoseSliceRenderer;
import org.sinfonia.core.rt.RtDoseReader;
import org.sinfonia.core.rt.RtDoseSummary;
import org.sinfonia.core.rt.RtObjectException;
import org.sinfonia.core.rt.RtPlanReader;
import org.sinfonia.core.rt.RtPlanSummary;
import org.sinfonia.core.rt.SliceContour;
import org.sinfonia.core.rt.SliceContourReader;
import org.sinfonia.core.rt.SliceGeometry;
import org.sinfonia.web.preview.ImageFormat;
import org.sinfonia.web.preview.PreviewFailure;
import org.sinfonia.web.preview.PreviewImage;
import org.sinfonia.web.preview.PreviewParams;

/**
 * The pictures of DICOM objects, blocking (preview workers only): an image frame (core's {@link
 * DicomRenderer}), the RT Dose plane through the maximum, an RT Structure Set's contours drawn on
 * the image they were drawn on, and for an RT Plan a placeholder that points to its summary. Never
 * throws: failures become placeholders.
 */
final class DicomRenderings {

  private static final int SLICE_THICKNESS = 0x00180050;
  private static final double MIN_TOLERANCE_MM = 0.5;
  private static final double MAX_TOLERANCE_MM = 5;

  private final DicomRenderer renderer = new DicomRenderer();
  private final long maxFullPixels;

  DicomRenderings(long maxFullPixels) {
    this.maxFullPixels = maxFullPixels;
  }

  /** One frame (the middle one unless asked), as core renders it. */
  PreviewImage image(BlobSource file, DicomDataset header, PreviewParams params) {
    Optional<PreviewImage> refused = tooLargeForFullSize(header, params);
    if (refused.isPresent()) {
      return refused.get();
    }
    return encode(renderer.render(file, header, params.request()), params.format());
  }

  /** The dose plane through the maximum with its legend, fitted into the requested size. */
  PreviewImage dose(BlobSource file, DicomDataset header, PreviewParams params) {
    try {
      RtDoseSummary summary = RtDoseReader.summarize(file, header);
      int longest = Math.max(summary.grid().columns(), summary.grid().rows());
      int side = params.size() == RenderSize.FULL ? longest : params.size().longestSide();
      DoseSliceImage slice = DoseSliceRenderer.render(file, header, summary, side);
      BufferedImage image = slice.image();
      if (params.size() != RenderSize.FULL) {
        RenderSize.Dimensions fit = params.size().fit(image.getWidth(), image.getHeight());
        image = PictureRenderer.scale(image, fit.width(), fit.height());
      }
      return Encoded.of(
          image, params.format(), slice.frameNumber(), summary.grid().frames(), Optional.empty());
    } catch (RtObjectException | IOException | RuntimeException e) {
      return failed("RT_DOSE_UNREADABLE", "RT Dose: " + e.getMessage(), params);
    }
  }

  /** The image {@code ct} with the structure set's contours that lie in its plane. */
  PreviewImage structure(
      BlobSource structureSet,
      DicomDataset structureHeader,
      BlobSource ct,
      DicomDataset ctHeader,
      PreviewParams params) {
    Optional<PreviewImage> refused = tooLargeForFullSize(ctHeader, params);
    if (refused.isPresent()) {
      return refused.get();
    }
    RenderResult slice = renderer.render(ct, ctHeader, params.request());
    if (!slice.rendered()) {
      return encode(slice, params.format());
    }
    SliceGeometry geometry = SliceGeometry.of(ctHeader);
    if (geometry == null) {
      return Encoded.of(
          slice.image(),
          params.format(),
          slice.frameNumber(),
          slice.frames(),
          Optional.of(
              new PreviewFailure(
                  "NO_SLICE_GEOMETRY",
                  "the referenced image has no Image Plane attributes: no contours")));
    }
    try {
      List<SliceContour> contours =
          SliceContourReader.contoursOn(
              structureSet, structureHeader, geometry, tolerance(ctHeader));
      BufferedImage painted = ContourPainter.paint(slice.image(), slice.columns(), contours);
      return Encoded.of(
          painted, params.format(), slice.frameNumber(), slice.frames(), Optional.empty());
    } catch (RtObjectException | IOException | RuntimeException e) {
      return Encoded.of(
          slice.image(),
          params.format(),
          slice.frameNumber(),
          slice.frames(),
          Optional.of(
              new PreviewFailure("RT_STRUCTURE_SET_UNREADABLE", "contours: " + e.getMessage())));
    }
  }

  /**
   * An RT Plan has no picture: a placeholder naming it, its beams and fractions (the summary has
   * the rest).
   */
  PreviewImage plan(DicomDataset header, PreviewParams params) {
    String text;
    try {
      RtPlanSummary plan = RtPlanReader.summarize(header);
      int fractions =
          plan.fractionGroups().stream()
              .mapToInt(g -> g.fractionsPlanned() == null ? 0 : g.fractionsPlanned())
              .sum();
      text =
          (plan.ionPlan() ? "RT Ion Plan " : "RT Plan ")
              + nonNull(plan.label())
              + ": "
              + plan.beams().size()
              + " beam(s), "
              + fractions
              + " fraction(s); see dicom-summary";
    } catch (RuntimeException e) {
      text = "RT Plan: " + e.getMessage();
    }
    return failed("NO_PIXEL_DATA", text, params);
  }

  private Optional<PreviewImage> tooLargeForFullSize(DicomDataset header, PreviewParams params) {
    long pixels = header.longValue(DicomTags.ROWS, 0) * header.longValue(DicomTags.COLUMNS, 0);
    if (params.size() == RenderSize.FULL && pixels > maxFullPixels) {
      PreviewFailure f =
          new PreviewFailure(
              "FULL_SIZE_TOO_LARGE",
              header.longValue(DicomTags.COLUMNS, 0)
                  + " x "
                  + header.longValue(DicomTags.ROWS, 0)
                  + " pixels is more than the full-size limit of "
                  + maxFullPixels
                  + "; ask for size=512");
      return Optional.of(
          Encoded.placeholder(Placeholders.of(f, RenderSize.PREVIEW), params.format(), f));
    }
    return Optional.empty();
  }

  /**
   * Contours within half a slice thickness of the plane (0.5 to 5 mm; 0.5 mm when the thickness is
   * unknown).
   */
  private static double tolerance(DicomDataset ct) {
    double thickness =
        ct.find(SLICE_THICKNESS)
            .map(e -> e.doubles().length > 0 ? e.doubles()[0] : 0.0)
            .orElse(0.0);
    return Math.max(MIN_TOLERANCE_MM, Math.min(MAX_TOLERANCE_MM, thickness / 2));
  }

  private static PreviewImage encode(RenderResult r, ImageFormat format) {
    return Encoded.of(
        r.image(),
        format,
        r.frameNumber(),
        r.frames(),
        r.failure().map(f -> new PreviewFailure(f.code().name(), f.message())));
  }

  static PreviewImage failed(String code, String message, PreviewParams params) {
    PreviewFailure f = new PreviewFailure(code, message);
    return Encoded.placeholder(Placeholders.of(f, params.size()), params.format(), f);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
