package org.sinfonia.core.rt;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws slice contours over a rendered image of that slice, in ROI colours (yellow when a ROI has
 * none). The rendered image may be a thumbnail: contour pixels are scaled by its width over the
 * slice's Columns.
 */
public final class ContourPainter {

  private static final Color NO_COLOUR = Color.YELLOW;

  private ContourPainter() {}

  /** Returns an RGB copy of {@code rendered} with {@code contours} drawn on it. */
  public static BufferedImage paint(
      BufferedImage rendered, int sliceColumns, List<SliceContour> contours) {
    BufferedImage canvas =
        new BufferedImage(rendered.getWidth(), rendered.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = canvas.createGraphics();
    try {
      graphics.drawImage(rendered, 0, 0, null);
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setStroke(new BasicStroke(Math.max(1f, rendered.getWidth() / 256f)));
      double scale = (double) rendered.getWidth() / sliceColumns;
      for (SliceContour contour : contours) {
        List<Integer> rgb = contour.displayColour();
        graphics.setColor(
            rgb.size() == 3
                ? new Color(clamp(rgb.get(0)), clamp(rgb.get(1)), clamp(rgb.get(2)))
                : NO_COLOUR);
        graphics.draw(outline(contour, scale));
      }
    } finally {
      graphics.dispose();
    }
    return canvas;
  }

  /**
   * Pixel centres are at integer coordinates, so each point is shifted by half a pixel to its
   * centre.
   */
  private static Path2D outline(SliceContour contour, double scale) {
    double[] pixels = contour.pixels();
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i + 1 < pixels.length; i += 2) {
      double x = (pixels[i] + 0.5) * scale;
      double y = (pixels[i + 1] + 0.5) * scale;
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    if (contour.closed()) {
      path.closePath();
    }
    return path;
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
