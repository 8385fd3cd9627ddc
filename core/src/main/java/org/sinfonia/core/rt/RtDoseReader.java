package org.sinfonia.core.rt;

import java.io.IOException;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.render.PixelDescription;

/**
 * Summarises an RT Dose object: grid geometry, units, and the maximum found by streaming the grid
 * plane by plane.
 */
public final class RtDoseReader {

  private RtDoseReader() {}

  public static RtDoseSummary summarize(BlobSource storedFile, DicomDataset header)
      throws RtObjectException, IOException {
    Double scaling = RtValues.decimal(header, RtTags.DOSE_GRID_SCALING);
    double doseGridScaling = scaling == null ? 1 : scaling;
    try (DoseGridScanner scanner = DoseGridScanner.open(storedFile, header)) {
      PixelDescription description = scanner.description();
      DoseGrid grid =
          new DoseGrid(
              description.rows(),
              description.columns(),
              description.frames(),
              RtValues.decimals(header, DicomTags.PIXEL_SPACING),
              RtValues.decimals(header, RtTags.GRID_FRAME_OFFSET_VECTOR),
              RtValues.decimals(header, DicomTags.IMAGE_POSITION_PATIENT),
              RtValues.decimals(header, DicomTags.IMAGE_ORIENTATION_PATIENT));
      long[] best = {Long.MIN_VALUE, 0, 0}; // stored value, frame, pixel index
      scanner.scan(
          0,
          description.frames(),
          (frame, values) -> {
            for (int i = 0; i < values.length; i++) {
              if (values[i] > best[0]) {
                best[0] = values[i];
                best[1] = frame;
                best[2] = i;
              }
            }
          });
      int frame = (int) best[1];
      int row = (int) (best[2] / description.columns());
      int column = (int) (best[2] % description.columns());
      DoseMaximum maximum =
          new DoseMaximum(
              best[0] * doseGridScaling,
              best[0],
              frame + 1,
              row,
              column,
              grid.positionOf(frame, row, column));
      return new RtDoseSummary(
          grid,
          doseGridScaling,
          RtValues.text(header, RtTags.DOSE_UNITS),
          RtValues.text(header, RtTags.DOSE_TYPE),
          RtValues.text(header, RtTags.DOSE_SUMMATION_TYPE),
          maximum);
    }
  }
}
