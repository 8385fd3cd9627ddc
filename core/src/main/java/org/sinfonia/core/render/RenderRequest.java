package org.sinfonia.core.render;

import java.util.Optional;
import java.util.OptionalInt;
import org.sinfonia.core.render.display.Window;
import org.sinfonia.core.render.output.RenderSize;

/**
 * What to render of an image.
 *
 * @param frameNumber the frame, counted from 1 as DICOM and WADO-RS count them; empty for the
 *     middle frame ({@code frames / 2 + 1})
 * @param size thumbnail, preview or full size
 * @param window a window that replaces the one in the file; empty to use the file's (or the frame's
 *     pixel range if the file has none). Ignored for colour images.
 */
public record RenderRequest(OptionalInt frameNumber, RenderSize size, Optional<Window> window) {

  public RenderRequest {
    if (frameNumber.isPresent() && frameNumber.getAsInt() < 1) {
      throw new IllegalArgumentException("frames are numbered from 1: " + frameNumber.getAsInt());
    }
  }

  public static RenderRequest of(RenderSize size) {
    return new RenderRequest(OptionalInt.empty(), size, Optional.empty());
  }

  public static RenderRequest thumbnail() {
    return of(RenderSize.THUMBNAIL);
  }

  public static RenderRequest preview() {
    return of(RenderSize.PREVIEW);
  }

  public static RenderRequest full() {
    return of(RenderSize.FULL);
  }

  public RenderRequest withFrame(int number) {
    return new RenderRequest(OptionalInt.of(number), size, window);
  }

  public RenderRequest withWindow(double center, double width) {
    return new RenderRequest(frameNumber, size, Optional.of(new Window(center, width)));
  }

  /** The 0-based index of the requested frame in an image of {@code frames} frames. */
  int frameIndex(int frames) throws RenderException {
    int number = frameNumber.orElse(frames / 2 + 1);
    if (number > frames) {
      throw new RenderException(
          RenderFailure.Code.FRAME_OUT_OF_RANGE,
          "frame " + number + " asked of an image with " + frames + " frame(s)");
    }
    return number - 1;
  }
}
