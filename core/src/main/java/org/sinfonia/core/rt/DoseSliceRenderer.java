package org.sinfonia.core.rt;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.render.output.PixelFont;

/**
 * Draws the dose plane through the maximum with {@link DoseColourMap} (0 to the maximum dose), a
 * white cross on the maximum, and a legend bar labelled with doses in the grid's units. Pixels are
 * enlarged by a whole factor (nearest neighbour: dose voxels stay visible as such) and text uses
 * {@link PixelFont}, so the image is the same on every machine.
 */
public final class DoseSliceRenderer {

  private static final int LEGEND_WIDTH = 72;
  private static final int BAR_WIDTH = 14;
  private static final int MARGIN = 8;
  private static final int TEXT = 0xFFFFFF;
  private static final int BACKGROUND = 0x000000;

  private DoseSliceRenderer() {}

  /**
   * @param longestSide the plane's longest side is enlarged up to this many pixels (at least 1x)
   */
  public static DoseSliceImage render(
      BlobSource storedFile, DicomDataset header, RtDoseSummary summary, int longestSide)
      throws RtObjectException, IOException {
    DoseMaximum maximum = summary.maximum();
    int frameIndex = maximum.frameNumber() - 1;
    int columns = summary.grid().columns();
    int rows = summary.grid().rows();
    long[] plane = new long[columns * rows];
    try (DoseGridScanner scanner = DoseGridScanner.open(storedFile, header)) {
      scanner.scan(
          frameIndex,
          frameIndex + 1,
          (frame, values) -> System.arraycopy(values, 0, plane, 0, plane.length));
    }
    int scale = Math.max(1, longestSide / Math.max(columns, rows));
    int height = Math.max(rows * scale, 9 * PixelFont.CELL_HEIGHT);
    BufferedImage image =
        new BufferedImage(columns * scale + LEGEND_WIDTH, height, BufferedImage.TYPE_INT_RGB);
    double top = Math.max(1, maximum.storedValue());
    for (int y = 0; y < rows * scale; y++) {
      for (int x = 0; x < columns * scale; x++) {
        image.setRGB(x, y, DoseColourMap.rgb(plane[(y / scale) * columns + x / scale] / top));
      }
    }
    markMaximum(
        image,
        maximum.column() * scale + scale / 2,
        maximum.row() * scale + scale / 2,
        Math.max(3, scale));
    drawLegend(image, columns * scale, height, maximum.dose(), summary.doseUnits());
    return new DoseSliceImage(image, maximum.frameNumber(), maximum.dose(), summary.doseUnits());
  }

  private static void markMaximum(BufferedImage image, int x, int y, int arm) {
    for (int d = -arm; d <= arm; d++) {
      set(image, x + d, y, TEXT);
      set(image, x, y + d, TEXT);
    }
  }

  /** A vertical bar from the maximum (top) to 0 (bottom), five labels, the units on top. */
  private static void drawLegend(
      BufferedImage image, int left, int height, double maximumDose, String units) {
    for (int y = 0; y < height; y++) {
      for (int x = left; x < image.getWidth(); x++) {
        image.setRGB(x, y, BACKGROUND);
      }
    }
    int barTop = MARGIN + PixelFont.CELL_HEIGHT + MARGIN / 2;
    int barBottom = height - MARGIN;
    int barLeft = left + MARGIN;
    for (int y = barTop; y <= barBottom; y++) {
      int rgb = DoseColourMap.rgb((double) (barBottom - y) / (barBottom - barTop));
      for (int x = barLeft; x < barLeft + BAR_WIDTH; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    PixelFont.draw(image, units == null ? "?" : units, barLeft, MARGIN, 1, TEXT);
    for (int step = 0; step <= 4; step++) {
      double fraction = step / 4.0;
      int y = barBottom - (int) Math.round(fraction * (barBottom - barTop));
      String label =
          String.format(Locale.ROOT, maximumDose >= 10 ? "%.1f" : "%.2f", maximumDose * fraction);
      PixelFont.draw(image, label, barLeft + BAR_WIDTH + 4, Math.max(0, y - 3), 1, TEXT);
      set(image, barLeft + BAR_WIDTH, y, TEXT);
      set(image, barLeft + BAR_WIDTH + 1, y, TEXT);
    }
  }

  private static void set(BufferedImage image, int x, int y, int rgb) {
    if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
      image.setRGB(x, y, rgb);
    }
  }
}
