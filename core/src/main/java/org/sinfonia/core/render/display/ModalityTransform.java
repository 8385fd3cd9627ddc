package org.sinfonia.core.render.display;

import java.io.IOException;
import java.util.List;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.PixelTags;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.StoredFile;

/**
 * The Modality LUT step: stored values to modality units (Hounsfield units for CT), by the Modality
 * LUT Sequence (0028,3000) when the file has one, else by Rescale Slope (0028,1053) and Rescale
 * Intercept (0028,1052) (identity when absent).
 */
final class ModalityTransform {

  private final double slope;
  private final double intercept;
  private final LookupTable table;

  private ModalityTransform(double slope, double intercept, LookupTable table) {
    this.slope = slope;
    this.intercept = intercept;
    this.table = table;
  }

  static ModalityTransform of(DicomDataset header, PixelDescription description, StoredFile file)
      throws IOException, RenderException {
    List<DicomDataset> lutItems =
        header.find(PixelTags.MODALITY_LUT_SEQUENCE).map(DicomElement::items).orElse(List.of());
    if (!lutItems.isEmpty()) {
      LookupTable table =
          LookupTable.read(
              lutItems.get(0),
              PixelTags.LUT_DESCRIPTOR,
              PixelTags.LUT_DATA,
              description.signed(),
              file);
      return new ModalityTransform(1, 0, table);
    }
    double slope = first(header, DicomTags.RESCALE_SLOPE, 1);
    double intercept = first(header, DicomTags.RESCALE_INTERCEPT, 0);
    return new ModalityTransform(
        slope == 0 ? 1 : slope, intercept, null); // a zero slope is a broken header
  }

  static ModalityTransform identity() {
    return new ModalityTransform(1, 0, null);
  }

  double apply(int stored) {
    return table != null ? table.lookup(stored) : stored * slope + intercept;
  }

  /**
   * True if larger stored values never give smaller modality values (slope/intercept with a
   * positive slope).
   */
  boolean isIncreasing() {
    return table == null && slope > 0;
  }

  private static double first(DicomDataset header, int tag, double absent) {
    double[] values = header.find(tag).map(DicomElement::doubles).orElse(new double[0]);
    return values.length == 0 ? absent : values[0];
  }
}
