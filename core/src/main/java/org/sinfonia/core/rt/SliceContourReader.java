package org.sinfonia.core.rt;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.render.ByteRange;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.StoredFile;

/**
 * Finds the contours of a structure set that lie in a given image slice (every point within {@code
 * tolerance} mm of the slice's plane) and projects them into the slice's pixels. Contour Data that
 * the parser left in the file (over the bulk data threshold) is read from it.
 */
public final class SliceContourReader {

  private SliceContourReader() {}

  public static List<SliceContour> contoursOn(
      BlobSource structureSetFile, DicomDataset header, SliceGeometry slice, double tolerance)
      throws RtObjectException, IOException {
    List<SliceContour> found = new ArrayList<>();
    try (SeekableByteChannel channel = structureSetFile.open()) {
      StoredFile file = new StoredFile(channel, false);
      for (DicomDataset roi : RtValues.items(header, RtTags.ROI_CONTOUR_SEQUENCE)) {
        Integer number = RtValues.integer(roi, RtTags.REFERENCED_ROI_NUMBER);
        List<Integer> colour = RtValues.integers(roi, RtTags.ROI_DISPLAY_COLOR);
        for (DicomDataset contour : RtValues.items(roi, RtTags.CONTOUR_SEQUENCE)) {
          double[] points = contourData(contour, file);
          if (points.length >= 3 && inSlice(points, slice, tolerance)) {
            found.add(
                new SliceContour(
                    number == null ? 0 : number,
                    colour.size() == 3 ? colour : List.of(),
                    "CLOSED_PLANAR".equals(RtValues.text(contour, RtTags.CONTOUR_GEOMETRIC_TYPE)),
                    project(points, slice)));
          }
        }
      }
    }
    return found;
  }

  private static boolean inSlice(double[] points, SliceGeometry slice, double tolerance) {
    for (int i = 0; i + 2 < points.length; i += 3) {
      if (Math.abs(slice.distanceFromPlane(points[i], points[i + 1], points[i + 2])) > tolerance) {
        return false;
      }
    }
    return true;
  }

  private static double[] project(double[] points, SliceGeometry slice) {
    double[] pixels = new double[points.length / 3 * 2];
    for (int i = 0, p = 0; i + 2 < points.length; i += 3, p += 2) {
      double[] pixel = slice.pixelOf(points[i], points[i + 1], points[i + 2]);
      pixels[p] = pixel[0];
      pixels[p + 1] = pixel[1];
    }
    return pixels;
  }

  /** x\y\z triples as numbers; Contour Data is DS text, in the header or as a range of the file. */
  private static double[] contourData(DicomDataset contour, StoredFile file)
      throws RtObjectException, IOException {
    DicomElement element = contour.find(RtTags.CONTOUR_DATA).orElse(null);
    if (element == null) {
      return new double[0];
    }
    if (element.value() instanceof DicomValue.BulkData bulk) {
      try {
        String text =
            new String(
                file.read(new ByteRange(bulk.offset(), bulk.length())), StandardCharsets.US_ASCII);
        return parse(List.of(text.trim().split("\\\\")));
      } catch (RenderException e) {
        throw new RtObjectException("Contour Data: " + e.failure().describe(), e);
      }
    }
    return element.doubles();
  }

  private static double[] parse(List<String> values) throws RtObjectException {
    double[] numbers = new double[values.size()];
    for (int i = 0; i < numbers.length; i++) {
      try {
        numbers[i] = Double.parseDouble(values.get(i).trim());
      } catch (NumberFormatException e) {
        throw new RtObjectException(
            "Contour Data value " + (i + 1) + " is not a number: " + values.get(i), e);
      }
    }
    return numbers;
  }
}
