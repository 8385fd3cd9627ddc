package org.sinfonia.core.render.codec;

/**
 * The 8x8 inverse DCT of T.81 A.3.3, computed separably in double precision (rows, then columns)
 * from a table of cosines: exact to rounding, which is all a preview needs.
 */
final class InverseDct {

  /** COS[x][u] = C(u)/2 * cos((2x+1) u pi / 16), with C(0) = 1/sqrt(2), else 1. */
  private static final double[][] COS = new double[8][8];

  static {
    for (int x = 0; x < 8; x++) {
      for (int u = 0; u < 8; u++) {
        double scale = u == 0 ? Math.sqrt(0.5) : 1;
        COS[x][u] = scale / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
      }
    }
  }

  private InverseDct() {}

  /**
   * Transforms {@code coefficients} (natural order, dequantised) into samples, adds {@code
   * levelShift}, clamps to 0..maxValue and writes them to {@code out} at {@code offset} with {@code
   * stride}, skipping those beyond {@code width} x {@code height} (the padding of edge blocks).
   */
  static void transform(
      int[] coefficients,
      int levelShift,
      int maxValue,
      int[] out,
      int offset,
      int stride,
      int width,
      int height) {
    double[] rows = new double[64];
    for (int v = 0; v < 8; v++) {
      for (int x = 0; x < 8; x++) {
        double sum = 0;
        for (int u = 0; u < 8; u++) {
          sum += COS[x][u] * coefficients[v * 8 + u];
        }
        rows[v * 8 + x] = sum;
      }
    }
    for (int y = 0; y < Math.min(8, height); y++) {
      for (int x = 0; x < Math.min(8, width); x++) {
        double sum = 0;
        for (int v = 0; v < 8; v++) {
          sum += COS[y][v] * rows[v * 8 + x];
        }
        long value = Math.round(sum) + levelShift;
        out[offset + y * stride + x] = (int) (value < 0 ? 0 : Math.min(value, maxValue));
      }
    }
  }
}
