package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.Photometric;

/**
 * A decoded frame: every pixel's samples, interleaved (R G B R G B ... for colour). Decoders hand
 * over the raw container values; {@link StoredValues} then keeps the Bits Stored below the High Bit
 * and applies the sign.
 *
 * @param columns width in pixels
 * @param rows height in pixels
 * @param samplesPerPixel 1 or 3
 * @param samples {@code columns * rows * samplesPerPixel} values
 * @param photometric what the samples mean; a codec that converts colour (JPEG via ImageIO returns
 *     RGB) says so here
 */
public record DecodedFrame(
    int columns, int rows, int samplesPerPixel, int[] samples, Photometric photometric) {

  public DecodedFrame {
    if (samples.length != columns * rows * samplesPerPixel) {
      throw new IllegalArgumentException(
          samples.length + " samples for " + columns + "x" + rows + "x" + samplesPerPixel);
    }
  }

  public DecodedFrame withSamples(int newColumns, int newRows, int[] newSamples) {
    return new DecodedFrame(newColumns, newRows, samplesPerPixel, newSamples, photometric);
  }

  public DecodedFrame as(Photometric newPhotometric, int newSamplesPerPixel, int[] newSamples) {
    return new DecodedFrame(columns, rows, newSamplesPerPixel, newSamples, newPhotometric);
  }
}
