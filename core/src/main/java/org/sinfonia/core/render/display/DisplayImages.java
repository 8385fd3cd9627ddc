package org.sinfonia.core.render.display;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Wraps display values in the two BufferedImage types the renderer hands out: 8-bit grey and RGB.
 */
final class DisplayImages {

  private DisplayImages() {}

  static BufferedImage grey(byte[] values, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(values, 0, target, 0, values.length);
    return image;
  }

  /** {@code samples} holds R G B per pixel, each 0..255. */
  static BufferedImage rgb(int[] samples, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int p = 0, i = 0; p < target.length; p++, i += 3) {
      target[p] = samples[i] << 16 | samples[i + 1] << 8 | samples[i + 2];
    }
    return image;
  }
}
