package org.sinfonia.core.render;

import java.awt.image.BufferedImage;
import java.util.Optional;
import org.sinfonia.core.render.display.Window;
import org.sinfonia.core.render.output.PngEncoder;

/**
 * A rendered frame, or a placeholder that says why there is none.
 *
 * @param image 8-bit grey ({@code TYPE_BYTE_GRAY}) or RGB ({@code TYPE_INT_RGB}); a placeholder is
 *     RGB
 * @param failure empty when the frame was rendered; else why not
 * @param frameNumber the frame rendered, from 1; 0 if it was never chosen
 * @param frames Number of Frames of the image; 0 if unknown
 * @param columns the image's own width (before scaling); 0 if unknown
 * @param rows the image's own height; 0 if unknown
 * @param transferSyntaxUid the syntax the pixel data was stored with
 * @param window the VOI window applied to a greyscale frame
 */
public record RenderResult(
    BufferedImage image,
    Optional<RenderFailure> failure,
    int frameNumber,
    int frames,
    int columns,
    int rows,
    String transferSyntaxUid,
    Optional<Window> window) {

  public boolean rendered() {
    return failure.isEmpty();
  }

  /** The image as PNG bytes (encoded on each call). */
  public byte[] png() {
    return PngEncoder.encode(image);
  }
}
