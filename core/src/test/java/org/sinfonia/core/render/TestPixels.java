package org.sinfonia.core.render;

import java.util.Random;

/**
 * Pixel values for generated test images: a diagonal gradient, a bright disc and a little seeded
 * noise, spanning a given range, different in every frame; and their little endian bytes.
 */
final class TestPixels {

  private TestPixels() {}

  /** {@code frames} frames of {@code columns x rows} values in min..max (one sample per pixel). */
  static int[] grey(int columns, int rows, int frames, int min, int max, long seed) {
    Random random = new Random(seed);
    int[] values = new int[columns * rows * frames];
    double span = (double) max - min;
    for (int f = 0; f < frames; f++) {
      for (int y = 0; y < rows; y++) {
        for (int x = 0; x < columns; x++) {
          double gradient = (x + y + 7.0 * f) / (columns + rows + 7.0 * frames);
          double dx = x - columns * (0.3 + 0.1 * f);
          double dy = y - rows * 0.6;
          double disc = dx * dx + dy * dy < columns * rows / 16.0 ? 0.35 : 0;
          double noise = random.nextGaussian() * 0.01;
          double level = Math.max(0, Math.min(1, 0.6 * gradient + disc + noise));
          values[(f * rows + y) * columns + x] = (int) Math.round(min + level * span);
        }
      }
    }
    return values;
  }

  /** Three samples per pixel, 0..255, interleaved (R G B R G B ...). */
  static int[] colour(int columns, int rows, long seed) {
    Random random = new Random(seed);
    int[] values = new int[columns * rows * 3];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        int i = (y * columns + x) * 3;
        values[i] = x * 255 / Math.max(1, columns - 1);
        values[i + 1] = y * 255 / Math.max(1, rows - 1);
        values[i + 2] = Math.min(255, Math.abs(x - y) * 4 + random.nextInt(8));
      }
    }
    return values;
  }

  /** Little endian bytes of {@code values}, each in {@code bitsAllocated} (1, 8, 16 or 32) bits. */
  static byte[] bytes(int[] values, int bitsAllocated) {
    if (bitsAllocated == 1) {
      byte[] packed = new byte[(values.length + 7) / 8 + ((values.length + 7) / 8 & 1)];
      for (int i = 0; i < values.length; i++) {
        if ((values[i] & 1) != 0) {
          packed[i >> 3] |= (byte) (1 << (i & 7));
        }
      }
      return packed;
    }
    int size = bitsAllocated / 8;
    byte[] bytes = new byte[values.length * size + (values.length * size & 1)];
    for (int i = 0; i < values.length; i++) {
      for (int b = 0; b < size; b++) {
        bytes[i * size + b] = (byte) (values[i] >> (8 * b));
      }
    }
    return bytes;
  }

  /** Interleaved samples to planes (R R R ... G G G ... B B B ...). */
  static int[] planar(int[] interleaved) {
    int pixels = interleaved.length / 3;
    int[] planes = new int[interleaved.length];
    for (int p = 0; p < pixels; p++) {
      for (int s = 0; s < 3; s++) {
        planes[s * pixels + p] = interleaved[p * 3 + s];
      }
    }
    return planes;
  }
}
