package org.sinfonia.core.render.display;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.render.PixelTags;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.StoredFile;

/**
 * The VOI step of a greyscale rendering and where it came from: the request's window, else the
 * file's first Window Center/Width pair with its VOI LUT Function, else the first item of the
 * file's VOI LUT Sequence, else the frame's own range of modality values (a min-max window, as
 * dcmtk's {@code +Wm}).
 *
 * @param window the window, in modality units; empty when a VOI LUT is used
 * @param function how the window maps values
 * @param lut the VOI LUT, when the file's is used
 * @param source which of the four it was
 */
record VoiSelection(
    Optional<Window> window, VoiFunction function, Optional<LookupTable> lut, Source source) {

  enum Source {
    REQUEST,
    FILE_WINDOW,
    FILE_LUT,
    PIXEL_RANGE
  }

  static VoiSelection choose(
      Optional<Window> requested,
      DicomDataset header,
      ModalityTransform modality,
      int[] storedSamples,
      SampleRange storedRange,
      StoredFile file)
      throws IOException, RenderException {
    VoiFunction function = VoiFunction.ofDicomName(header.string(PixelTags.VOI_LUT_FUNCTION));
    if (requested.isPresent()) {
      return windowed(requested.get(), function, Source.REQUEST);
    }
    double[] centers =
        header.find(DicomTags.WINDOW_CENTER).map(DicomElement::doubles).orElse(new double[0]);
    double[] widths =
        header.find(DicomTags.WINDOW_WIDTH).map(DicomElement::doubles).orElse(new double[0]);
    if (centers.length > 0
        && widths.length > 0
        && Double.isFinite(centers[0])
        && widths[0] >= 1
        && Double.isFinite(widths[0])) {
      return windowed(new Window(centers[0], widths[0]), function, Source.FILE_WINDOW);
    }
    Window range = modalityRange(modality, storedSamples, storedRange);
    List<DicomDataset> luts =
        header.find(PixelTags.VOI_LUT_SEQUENCE).map(DicomElement::items).orElse(List.of());
    if (!luts.isEmpty()) {
      boolean negativeInput =
          range.center() - range.width() / 2 < 0; // then the first mapped value is SS
      LookupTable lut =
          LookupTable.read(
              luts.get(0), PixelTags.LUT_DESCRIPTOR, PixelTags.LUT_DATA, negativeInput, file);
      return new VoiSelection(
          Optional.empty(), VoiFunction.LINEAR, Optional.of(lut), Source.FILE_LUT);
    }
    return windowed(range, VoiFunction.LINEAR, Source.PIXEL_RANGE);
  }

  /** The display value of a modality value, 0..1. */
  double apply(double modalityValue) {
    if (lut.isPresent()) {
      int entry = lut.get().lookup((int) Math.round(modalityValue));
      int bits = lut.get().bits();
      // the entry's top 8 bits, as dcmtk takes them (so the tests can be exact); narrower tables
      // stretched
      return bits >= 8 ? (entry >> (bits - 8)) / 255.0 : (double) entry / ((1 << bits) - 1);
    }
    return function.apply(modalityValue, window.orElseThrow());
  }

  private static VoiSelection windowed(Window window, VoiFunction function, Source source) {
    return new VoiSelection(Optional.of(window), function, Optional.empty(), source);
  }

  private static Window modalityRange(
      ModalityTransform modality, int[] samples, SampleRange stored) {
    if (modality.isIncreasing()) {
      return Window.spanning(modality.apply(stored.min()), modality.apply(stored.max()));
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int sample : samples) {
      double value = modality.apply(sample);
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return Window.spanning(min, max);
  }
}
