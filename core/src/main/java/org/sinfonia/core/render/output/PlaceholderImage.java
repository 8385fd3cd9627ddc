package org.sinfonia.core.render.output;

import java.awt.image.BufferedImage;
import java.util.List;
import org.sinfonia.core.render.RenderFailure;

/**
 * The image shown instead of one that cannot be rendered: the requested size, dark grey, a frame,
 * and the reason in words, so that a previewer grid stays whole and says what is wrong.
 */
public final class PlaceholderImage {

  private static final int BACKGROUND = 0x303030;
  private static final int BORDER = 0x808080;
  private static final int TITLE = 0xFFB000;
  private static final int TEXT = 0xE0E0E0;

  private PlaceholderImage() {}

  public static BufferedImage of(RenderFailure failure, RenderSize.Dimensions size) {
    return draw(failure.code().name(), failure.message(), size.width(), size.height());
  }

  /** The same picture for any failure code ({@code SOME_CODE}, shown as words) and message. */
  public static BufferedImage draw(
      String code, String message, int requestedWidth, int requestedHeight) {
    int width = Math.max(16, requestedWidth);
    int height = Math.max(16, requestedHeight);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1;
        image.setRGB(x, y, edge ? BORDER : BACKGROUND);
      }
    }
    int scale = width >= 384 ? 2 : 1;
    int margin = 4 * scale;
    int maxChars = Math.max(1, (width - 2 * margin) / (PixelFont.CELL_WIDTH * scale));
    int y = margin;
    for (String line : PixelFont.wrap(code.replace('_', ' '), maxChars)) {
      PixelFont.draw(image, line, margin, y, scale, TITLE);
      y += PixelFont.CELL_HEIGHT * scale;
    }
    y += PixelFont.CELL_HEIGHT * scale / 2;
    List<String> lines = PixelFont.wrap(message, maxChars);
    for (String line : lines) {
      if (y + PixelFont.CELL_HEIGHT * scale > height) {
        break;
      }
      PixelFont.draw(image, line, margin, y, scale, TEXT);
      y += PixelFont.CELL_HEIGHT * scale;
    }
    return image;
  }
}
