package org.sinfonia.verticles.preview;

import java.awt.image.BufferedImage;
import org.sinfonia.core.render.output.PlaceholderImage;
import org.sinfonia.core.render.output.RenderSize;
import org.sinfonia.web.preview.PreviewFailure;

/**
 * The previewer's own placeholder images (files that are not images, RT objects without a picture,
 * images too large for a full-size rendering), drawn by the renderer's {@link PlaceholderImage} so
 * that they look alike.
 */
final class Placeholders {

  private Placeholders() {}

  /** A square of the requested size (512 for full size). */
  static BufferedImage of(PreviewFailure failure, RenderSize size) {
    int side = size == RenderSize.FULL ? RenderSize.PREVIEW.longestSide() : size.longestSide();
    return of(failure, side, side);
  }

  static BufferedImage of(PreviewFailure failure, int width, int height) {
    return PlaceholderImage.draw(failure.code(), failure.message(), width, height);
  }
}
