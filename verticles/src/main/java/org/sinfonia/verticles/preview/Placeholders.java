package org.sinfonia.verticles.preview;

import java.awt.image.BufferedImage;
import java.util.List;
import org.sinfonia.core.render.PixelFont;
import org.sinfonia.core.render.RenderSize;
import org.sinfonia.web.preview.PreviewFailure;

/**
 * The previewer's own placeholder images (files that are not images, RT objects without a picture, images too
 * large for a full-size rendering), drawn like the renderer's: dark grey, a frame, the code in amber and the
 * reason in words, with the bitmap font so that they look the same on every machine.
 */
final class Placeholders {

  private static final int BACKGROUND = 0x303030;
  private static final int BORDER = 0x808080;
  private static final int TITLE = 0xFFB000;
  private static final int TEXT = 0xE0E0E0;

  private Placeholders() {
  }

  /** A square of the requested size (512 for full size). */
  static BufferedImage of(PreviewFailure failure, RenderSize size) {
    int side = size == RenderSize.FULL ? RenderSize.PREVIEW.longestSide() : size.longestSide();
    return of(failure, side, side);
  }

  static BufferedImage of(PreviewFailure failure, int width, int height) {
    width = Math.max(16, width);
    height = Math.max(16, height);
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
    for (String line : PixelFont.wrap(failure.code().replace('_', ' '), maxChars)) {
      PixelFont.draw(image, line, margin, y, scale, TITLE);
      y += PixelFont.CELL_HEIGHT * scale;
    }
    y += PixelFont.CELL_HEIGHT * scale / 2;
    List<String> lines = PixelFont.wrap(failure.message(), maxChars);
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
