package org.sinfonia.core.rt;

import java.util.List;

/**
 * One contour of a structure set that lies in an image slice, in that image's pixel coordinates.
 *
 * @param roiNumber the ROI it belongs to
 * @param displayColour ROI Display Color (red, green, blue); empty if the file has none
 * @param closed CLOSED_PLANAR (drawn as a polygon) rather than OPEN_PLANAR or POINT
 * @param pixels column, row pairs (fractional), one pair per contour point
 */
public record SliceContour(
    int roiNumber, List<Integer> displayColour, boolean closed, double[] pixels) {

  public SliceContour {
    displayColour = List.copyOf(displayColour);
    pixels = pixels.clone();
  }

  @Override
  public double[] pixels() {
    return pixels.clone();
  }
}
