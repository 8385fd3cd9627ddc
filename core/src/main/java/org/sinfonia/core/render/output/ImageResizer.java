package org.sinfonia.core.render.output;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The last, small step of a downscale (after {@code SampleHalver} has brought the image within a
 * factor of two of its target): a bilinear resample to the exact size, keeping the image type.
 */
public final class ImageResizer {

  private ImageResizer() {}

  public static BufferedImage resize(BufferedImage image, RenderSize.Dimensions target) {
    if (image.getWidth() == target.width() && image.getHeight() == target.height()) {
      return image;
    }
    BufferedImage resized = new BufferedImage(target.width(), target.height(), image.getType());
    Graphics2D graphics = resized.createGraphics();
    try {
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.drawImage(image, 0, 0, target.width(), target.height(), null);
    } finally {
      graphics.dispose();
    }
    return resized;
  }
}
