package org.sinfonia.core.render.display;

import org.sinfonia.core.render.Photometric;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.codec.DecodedFrame;

/**
 * Colour frames to 8-bit RGB samples: RGB as it is (more than 8 stored bits are shifted down),
 * YBR_FULL and YBR_FULL_422 (already widened) by the full-range ITU-R BT.601 equations of PS3.3
 * C.7.6.3.1.2, YBR_PARTIAL_422 by the partial-range ones.
 */
final class ColourConverter {

  private ColourConverter() {}

  static DecodedFrame toRgb(DecodedFrame frame, int bitsStored) throws RenderException {
    int[] samples = frame.samples();
    int shift = Math.max(0, bitsStored - 8);
    if (shift > 0) {
      for (int i = 0; i < samples.length; i++) {
        samples[i] >>= shift;
      }
    }
    switch (frame.photometric()) {
      case RGB, YBR_ICT, YBR_RCT -> {
        // ICT/RCT frames come out of the JPEG 2000 codec as RGB
      }
      case YBR_FULL, YBR_FULL_422 -> fullRangeYbrToRgb(samples);
      case YBR_PARTIAL_422 -> partialRangeYbrToRgb(samples);
      default ->
          throw new RenderException(
              RenderFailure.Code.UNSUPPORTED_PHOTOMETRIC_INTERPRETATION,
              frame.photometric().dicomName() + " is not a colour model");
    }
    return frame.as(Photometric.RGB, 3, samples);
  }

  private static void fullRangeYbrToRgb(int[] samples) {
    for (int i = 0; i < samples.length; i += 3) {
      double y = samples[i];
      double cb = samples[i + 1] - 128;
      double cr = samples[i + 2] - 128;
      samples[i] = clamp(y + 1.402 * cr);
      samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
      samples[i + 2] = clamp(y + 1.772 * cb);
    }
  }

  private static void partialRangeYbrToRgb(int[] samples) {
    for (int i = 0; i < samples.length; i += 3) {
      double y = 1.1644 * (samples[i] - 16);
      double cb = samples[i + 1] - 128;
      double cr = samples[i + 2] - 128;
      samples[i] = clamp(y + 1.5960 * cr);
      samples[i + 1] = clamp(y - 0.3917 * cb - 0.8129 * cr);
      samples[i + 2] = clamp(y + 2.0172 * cb);
    }
  }

  private static int clamp(double value) {
    long rounded = Math.round(value);
    return rounded < 0 ? 0 : rounded > 255 ? 255 : (int) rounded;
  }
}
