package org.sinfonia.core.rt;

import java.util.List;

/**
 * The geometry of an RT Dose grid.
 *
 * @param rows Rows
 * @param columns Columns
 * @param frames Number of Frames: one frame per dose plane
 * @param pixelSpacing Pixel Spacing (0028,0030): between rows, between columns, in mm
 * @param gridFrameOffsets Grid Frame Offset Vector (3004,000C): each plane's offset in mm
 * @param imagePosition Image Position (Patient) of the first plane's first voxel, in mm
 * @param imageOrientation Image Orientation (Patient): row then column direction cosines
 */
public record DoseGrid(
    int rows,
    int columns,
    int frames,
    List<Double> pixelSpacing,
    List<Double> gridFrameOffsets,
    List<Double> imagePosition,
    List<Double> imageOrientation) {

  public DoseGrid {
    pixelSpacing = List.copyOf(pixelSpacing);
    gridFrameOffsets = List.copyOf(gridFrameOffsets);
    imagePosition = List.copyOf(imagePosition);
    imageOrientation = List.copyOf(imageOrientation);
  }

  /**
   * The patient coordinates (mm) of voxel (frame, row, column), or an empty list when the grid's
   * geometry is incomplete. Offsets are taken relative to the first plane, which covers both the
   * relative form (first offset 0) and the older absolute form (first offset = the plane's z).
   */
  public List<Double> positionOf(int frameIndex, int row, int column) {
    if (imagePosition.size() != 3 || imageOrientation.size() != 6 || pixelSpacing.size() != 2) {
      return List.of();
    }
    double[] rowDirection = {
      imageOrientation.get(0), imageOrientation.get(1), imageOrientation.get(2)
    };
    double[] columnDirection = {
      imageOrientation.get(3), imageOrientation.get(4), imageOrientation.get(5)
    };
    double[] normal = {
      rowDirection[1] * columnDirection[2] - rowDirection[2] * columnDirection[1],
      rowDirection[2] * columnDirection[0] - rowDirection[0] * columnDirection[2],
      rowDirection[0] * columnDirection[1] - rowDirection[1] * columnDirection[0]
    };
    double offset =
        frameIndex < gridFrameOffsets.size() && !gridFrameOffsets.isEmpty()
            ? gridFrameOffsets.get(frameIndex) - gridFrameOffsets.get(0)
            : 0;
    Double[] position = new Double[3];
    for (int axis = 0; axis < 3; axis++) {
      position[axis] =
          imagePosition.get(axis)
              + column * pixelSpacing.get(1) * rowDirection[axis]
              + row * pixelSpacing.get(0) * columnDirection[axis]
              + offset * normal[axis];
    }
    return List.of(position);
  }
}
