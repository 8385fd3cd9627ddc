package org.sinfonia.core.render.output;

/**
 * How large a rendering is: the longest side of the result in pixels, keeping the image's
 * proportions and never enlarging it, or the image's own size.
 */
public enum RenderSize {
  THUMBNAIL(128),
  PREVIEW(512),
  FULL(0);

  private final int longestSide;

  RenderSize(int longestSide) {
    this.longestSide = longestSide;
  }

  /** The longest side, or 0 for the image's own size. */
  public int longestSide() {
    return longestSide;
  }

  /** The result's width and height for an image of {@code columns} x {@code rows}. */
  public Dimensions fit(int columns, int rows) {
    int longest = Math.max(columns, rows);
    if (longestSide == 0 || longest <= longestSide) {
      return new Dimensions(columns, rows);
    }
    double scale = (double) longestSide / longest;
    return new Dimensions(
        Math.max(1, (int) Math.round(columns * scale)),
        Math.max(1, (int) Math.round(rows * scale)));
  }

  /** A width and a height in pixels. */
  public record Dimensions(int width, int height) {}
}
