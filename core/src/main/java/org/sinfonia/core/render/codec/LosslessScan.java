package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.RenderException;

/**
 * The sample loop of one lossless JPEG scan (T.81 H.1.2): prediction from the left (Ra), upper (Rb)
 * and upper-left (Rc) neighbours, modulo 2^16 reconstruction, and the reset to 2^(P-Pt-1) at the
 * start of the scan and of every restart interval, whose first line predicts from the left only.
 */
final class LosslessScan {

  private final int width;
  private final int height;
  private final int predictor;
  private final int pointTransform;
  private final int initialPrediction;
  private final int restartInterval;

  LosslessScan(
      int precision,
      int pointTransform,
      int predictor,
      int width,
      int height,
      int restartInterval) {
    this.width = width;
    this.height = height;
    this.predictor = predictor;
    this.pointTransform = pointTransform;
    this.initialPrediction = 1 << (precision - pointTransform - 1);
    this.restartInterval = restartInterval;
  }

  /** Fills each plane (one per scan component, sampled 1x1) from {@code bits}. */
  void decode(JpegBitReader bits, HuffmanTable[] tables, int[][] planes) throws RenderException {
    int mcusLeft = restartInterval;
    boolean firstLineOfInterval = true;
    for (int y = 0; y < height; y++) {
      int x = 0;
      while (x < width) {
        if (restartInterval > 0 && mcusLeft == 0) {
          bits.restart();
          mcusLeft = restartInterval;
          firstLineOfInterval = true;
        }
        // a run of samples up to the row's end or the next restart: no per-sample bookkeeping, and
        // small methods that the JIT compiles whole (one long loop here ran 20x slower)
        int run = restartInterval > 0 ? Math.min(width - x, mcusLeft) : width - x;
        boolean startsInterval =
            y == 0 && x == 0 || restartInterval > 0 && mcusLeft == restartInterval;
        if (planes.length == 1) {
          decodeRun(bits, tables[0], planes[0], y, x, run, startsInterval, firstLineOfInterval);
        } else {
          decodeInterleavedRun(
              bits, tables, planes, y, x, run, startsInterval, firstLineOfInterval);
        }
        x += run;
        mcusLeft -= run;
      }
      firstLineOfInterval = false;
    }
    if (pointTransform > 0) {
      for (int[] plane : planes) {
        for (int i = 0; i < plane.length; i++) {
          plane[i] <<= pointTransform;
        }
      }
    }
  }

  /** Samples x..x+run-1 of row y of one component's plane. */
  private void decodeRun(
      JpegBitReader bits,
      HuffmanTable table,
      int[] plane,
      int y,
      int start,
      int run,
      boolean startsInterval,
      boolean firstLine)
      throws RenderException {
    int row = y * width;
    for (int x = start; x < start + run; x++) {
      plane[row + x] =
          (prediction(plane, row, x, startsInterval && x == start, firstLine)
                  + table.decodeDifference(bits))
              & 0xFFFF;
    }
  }

  /** The same for several components, which interleave sample by sample. */
  private void decodeInterleavedRun(
      JpegBitReader bits,
      HuffmanTable[] tables,
      int[][] planes,
      int y,
      int start,
      int run,
      boolean startsInterval,
      boolean firstLine)
      throws RenderException {
    int row = y * width;
    for (int x = start; x < start + run; x++) {
      for (int c = 0; c < planes.length; c++) {
        int[] plane = planes[c];
        plane[row + x] =
            (prediction(plane, row, x, startsInterval && x == start, firstLine)
                    + tables[c].decodeDifference(bits))
                & 0xFFFF;
      }
    }
  }

  private int prediction(int[] plane, int row, int x, boolean firstOfInterval, boolean firstLine) {
    if (firstOfInterval) {
      return initialPrediction;
    }
    if (firstLine) {
      return x > 0 ? plane[row + x - 1] : plane[row - width];
    }
    if (x == 0) {
      return plane[row - width];
    }
    return predict(plane[row + x - 1], plane[row - width + x], plane[row - width + x - 1]);
  }

  private int predict(int a, int b, int c) {
    return switch (predictor) {
      case 1 -> a;
      case 2 -> b;
      case 3 -> c;
      case 4 -> a + b - c;
      case 5 -> a + ((b - c) >> 1);
      case 6 -> b + ((a - c) >> 1);
      default -> (a + b) >> 1;
    };
  }
}
