package org.sinfonia.core.rt;

import java.util.List;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;

/**
 * Where an image slice lies in patient space (Image Plane module): maps patient coordinates to
 * pixel coordinates and says how far a point is from the slice's plane. Immutable.
 */
public final class SliceGeometry {

  private final double[] position;
  private final double[] rowDirection;
  private final double[] columnDirection;
  private final double[] normal;
  private final double rowSpacing;
  private final double columnSpacing;

  /**
   * @param position Image Position (Patient): centre of the first pixel, mm
   * @param rowDirection first three Image Orientation values: direction of increasing column index
   * @param columnDirection last three: direction of increasing row index
   * @param rowSpacing Pixel Spacing[0]: distance between rows, mm
   * @param columnSpacing Pixel Spacing[1]: distance between columns, mm
   */
  public SliceGeometry(
      double[] position,
      double[] rowDirection,
      double[] columnDirection,
      double rowSpacing,
      double columnSpacing) {
    this.position = position.clone();
    this.rowDirection = rowDirection.clone();
    this.columnDirection = columnDirection.clone();
    this.normal =
        new double[] {
          rowDirection[1] * columnDirection[2] - rowDirection[2] * columnDirection[1],
          rowDirection[2] * columnDirection[0] - rowDirection[0] * columnDirection[2],
          rowDirection[0] * columnDirection[1] - rowDirection[1] * columnDirection[0]
        };
    this.rowSpacing = rowSpacing;
    this.columnSpacing = columnSpacing;
  }

  /** The geometry of an image header, or null when its Image Plane attributes are incomplete. */
  public static SliceGeometry of(DicomDataset image) {
    List<Double> position = RtValues.decimals(image, DicomTags.IMAGE_POSITION_PATIENT);
    List<Double> orientation = RtValues.decimals(image, DicomTags.IMAGE_ORIENTATION_PATIENT);
    List<Double> spacing = RtValues.decimals(image, DicomTags.PIXEL_SPACING);
    if (position.size() != 3 || orientation.size() != 6 || spacing.size() != 2) {
      return null;
    }
    return new SliceGeometry(
        new double[] {position.get(0), position.get(1), position.get(2)},
        new double[] {orientation.get(0), orientation.get(1), orientation.get(2)},
        new double[] {orientation.get(3), orientation.get(4), orientation.get(5)},
        spacing.get(0),
        spacing.get(1));
  }

  /** Signed distance in mm of a patient point from the slice's plane. */
  public double distanceFromPlane(double x, double y, double z) {
    return (x - position[0]) * normal[0]
        + (y - position[1]) * normal[1]
        + (z - position[2]) * normal[2];
  }

  /** Pixel coordinates (column, row; fractional) of a patient point projected on the slice. */
  public double[] pixelOf(double x, double y, double z) {
    double dx = x - position[0];
    double dy = y - position[1];
    double dz = z - position[2];
    return new double[] {
      (dx * rowDirection[0] + dy * rowDirection[1] + dz * rowDirection[2]) / columnSpacing,
      (dx * columnDirection[0] + dy * columnDirection[1] + dz * columnDirection[2]) / rowSpacing
    };
  }
}
