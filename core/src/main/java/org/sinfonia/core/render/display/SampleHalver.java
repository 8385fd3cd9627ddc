package org.sinfonia.core.render.display;

import org.sinfonia.core.render.codec.DecodedFrame;

/**
 * Halves a frame's samples (2x2 box average, per sample) until one more halving would fall below
 * the target size: the cheap, good-quality first stage of a thumbnail (progressive halving avoids
 * the aliasing of a single large bilinear step). Works before the greyscale table, so the table is
 * applied to a quarter of the pixels at each step.
 */
final class SampleHalver {

  private SampleHalver() {}

  static DecodedFrame halveTowards(DecodedFrame frame, int targetWidth, int targetHeight) {
    DecodedFrame current = frame;
    while (current.columns() / 2 >= targetWidth
        && current.rows() / 2 >= targetHeight
        && current.columns() >= 2
        && current.rows() >= 2) {
      current = halve(current);
    }
    return current;
  }

  private static DecodedFrame halve(DecodedFrame frame) {
    int spp = frame.samplesPerPixel();
    int columns = frame.columns() / 2;
    int rows = frame.rows() / 2;
    int stride = frame.columns() * spp;
    int[] in = frame.samples();
    int[] out = new int[columns * rows * spp];
    int o = 0;
    for (int y = 0; y < rows; y++) {
      int top = 2 * y * stride;
      int bottom = top + stride;
      for (int x = 0; x < columns; x++) {
        for (int s = 0; s < spp; s++) {
          int left = 2 * x * spp + s;
          long sum =
              (long) in[top + left]
                  + in[top + left + spp]
                  + in[bottom + left]
                  + in[bottom + left + spp];
          out[o++] = (int) ((sum + 2) >> 2);
        }
      }
    }
    return frame.withSamples(columns, rows, out);
  }
}
