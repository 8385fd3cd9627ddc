package org.sinfonia.core.dicom.seg;

import java.util.Arrays;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;

/**
 * One slice of the segmented series: what a frame references and where it lies (Image Plane
 * module).
 *
 * @param position Image Position (Patient), mm: three numbers
 * @param orientation Image Orientation (Patient): six direction cosines
 * @param pixelSpacing Pixel Spacing: row spacing then column spacing, mm
 * @param sliceThickness Slice Thickness, mm, or null if the source has none
 */
public record SourceImage(
    String sopClassUid,
    String sopInstanceUid,
    String seriesInstanceUid,
    String frameOfReferenceUid,
    double[] position,
    double[] orientation,
    double[] pixelSpacing,
    Double sliceThickness,
    int rows,
    int columns) {

  private static final int SLICE_THICKNESS = 0x00180050;

  public SourceImage {
    requireUid("SOP Class UID", sopClassUid);
    requireUid("SOP Instance UID", sopInstanceUid);
    requireUid("Series Instance UID", seriesInstanceUid);
    requireUid("Frame of Reference UID", frameOfReferenceUid);
    position = numbers("Image Position (Patient)", position, 3);
    orientation = numbers("Image Orientation (Patient)", orientation, 6);
    pixelSpacing = numbers("Pixel Spacing", pixelSpacing, 2);
    if (rows < 1 || rows > 0xFFFF || columns < 1 || columns > 0xFFFF) {
      throw new IllegalArgumentException(
          "rows and columns out of 1-65535: " + rows + "x" + columns);
    }
  }

  /** The geometry of a single-frame source image read by our parser. */
  public static SourceImage of(DicomDataset source) {
    double[] thickness = doubles(source, SLICE_THICKNESS);
    return new SourceImage(
        source.string(DicomTags.SOP_CLASS_UID),
        source.string(DicomTags.SOP_INSTANCE_UID),
        source.string(DicomTags.SERIES_INSTANCE_UID),
        source.string(DicomTags.FRAME_OF_REFERENCE_UID),
        doubles(source, DicomTags.IMAGE_POSITION_PATIENT),
        doubles(source, DicomTags.IMAGE_ORIENTATION_PATIENT),
        doubles(source, DicomTags.PIXEL_SPACING),
        thickness.length == 0 ? null : thickness[0],
        (int) source.longValue(DicomTags.ROWS, 0),
        (int) source.longValue(DicomTags.COLUMNS, 0));
  }

  @Override
  public double[] position() {
    return position.clone();
  }

  @Override
  public double[] orientation() {
    return orientation.clone();
  }

  @Override
  public double[] pixelSpacing() {
    return pixelSpacing.clone();
  }

  /** The slice normal: row direction x column direction. */
  double[] normal() {
    double[] r = {orientation[0], orientation[1], orientation[2]};
    double[] c = {orientation[3], orientation[4], orientation[5]};
    return new double[] {
      r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]
    };
  }

  private static double[] doubles(DicomDataset source, int tag) {
    return source.find(tag).map(DicomElement::doubles).orElse(new double[0]);
  }

  private static void requireUid(String name, String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("source image without " + name);
    }
  }

  private static double[] numbers(String name, double[] values, int count) {
    if (values == null || values.length != count) {
      throw new IllegalArgumentException(
          name + " needs " + count + " numbers: " + Arrays.toString(values));
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(name + " is not finite: " + Arrays.toString(values));
      }
    }
    return values.clone();
  }
}
