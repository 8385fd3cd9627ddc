package org.sinfonia.core.render.codec;

import java.util.Arrays;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * The sample loop of one JPEG-LS scan (T.87 Annex A): context modelling with 365 regular contexts,
 * median edge prediction, bias correction, Golomb-coded errors, and run mode with its two
 * run-interruption contexts. One component; several interleaved line by line (contexts shared, run
 * index kept per component); or several interleaved sample by sample (a run needs every component
 * flat, as CharLS and dcmtk code it).
 */
final class JpegLsScan {

  private static final int[] J = {
    0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13,
    14, 15
  };
  private static final int CONTEXTS = 365;

  private final JpegLsParameters p;
  private final JpegLsBitReader bits;
  private final int width;
  private final int height;
  private final int[] a = new int[CONTEXTS + 2];
  private final int[] b = new int[CONTEXTS];
  private final int[] c = new int[CONTEXTS];
  private final int[] n = new int[CONTEXTS + 2];
  private final int[] nn = new int[CONTEXTS + 2];
  private int runIndex;

  /** Per-component scratch of a sample-interleaved pixel: context ids, then interruption errors. */
  private int[] pixelScratch = new int[0];

  JpegLsScan(JpegLsParameters parameters, JpegLsBitReader bits, int width, int height) {
    this.p = parameters;
    this.bits = bits;
    this.width = width;
    this.height = height;
    int initialA = Math.max(2, (parameters.range() + 32) / 64);
    Arrays.fill(a, initialA);
    Arrays.fill(n, 1);
  }

  /** Decodes a sample-interleaved scan into {@code planes} (one per component, row by row). */
  void decodeSampleInterleaved(int[][] planes) throws RenderException {
    int components = planes.length;
    pixelScratch = new int[components];
    int stride = width + 2;
    int[] previous = new int[components * stride];
    int[] current = new int[components * stride];
    for (int y = 0; y < height; y++) {
      int[] swap = previous;
      previous = current;
      current = y == 0 ? new int[components * stride] : swap;
      if (y == 0) {
        Arrays.fill(previous, 0);
      }
      for (int k = 0; k < components; k++) {
        previous[k * stride + width + 1] = previous[k * stride + width];
        current[k * stride] = previous[k * stride + 1];
      }
      int x = 1;
      while (x <= width) {
        x += decodePixel(previous, current, components, stride, x);
      }
      for (int k = 0; k < components; k++) {
        System.arraycopy(current, k * stride + 1, planes[k], y * width, width);
      }
    }
  }

  /** One pixel of all components (or a run of them); returns how many pixels were decoded. */
  private int decodePixel(int[] up, int[] line, int components, int stride, int x)
      throws RenderException {
    int[] contexts = pixelScratch;
    boolean flat = true;
    for (int k = 0; k < components; k++) {
      int o = k * stride;
      contexts[k] =
          p.quantize(up[o + x + 1] - up[o + x]) * 81
              + p.quantize(up[o + x] - up[o + x - 1]) * 9
              + p.quantize(up[o + x - 1] - line[o + x - 1]);
      flat &= contexts[k] == 0;
    }
    if (!flat) {
      for (int k = 0; k < components; k++) {
        int o = k * stride;
        line[o + x] = regular(contexts[k], line[o + x - 1], up[o + x], up[o + x - 1]);
      }
      return 1;
    }
    int left = width - x + 1;
    int length = runLength(left);
    for (int k = 0; k < components; k++) {
      Arrays.fill(line, k * stride + x, k * stride + x + length, line[k * stride + x - 1]);
    }
    if (length == left) {
      return length;
    }
    int end = x + length;
    int[] errors = pixelScratch; // the contexts are no longer needed
    for (int k = 0; k < components; k++) {
      errors[k] = interruptionError(CONTEXTS, 0); // all components use the "Ra != Rb" context
    }
    for (int k = 0; k < components; k++) {
      int ra = line[k * stride + x - 1];
      int rb = up[k * stride + end];
      line[k * stride + end] = p.reconstruct(rb, errors[k] * (rb - ra < 0 ? -1 : 1));
    }
    runIndex = Math.max(0, runIndex - 1);
    return length + 1;
  }

  /** Decodes the scan into {@code planes} (one per component, row by row). */
  void decode(int[][] planes) throws RenderException {
    int components = planes.length;
    // lines with one guard sample on each side: index 0 is "x = -1"
    int[][] previous = new int[components][width + 2];
    int[][] current = new int[components][width + 2];
    int[] runIndexes = new int[components];
    for (int y = 0; y < height; y++) {
      for (int k = 0; k < components; k++) {
        int[] swap = previous[k];
        previous[k] = current[k];
        current[k] = swap;
        if (y == 0) {
          Arrays.fill(previous[k], 0);
        }
        int[] up = previous[k];
        int[] line = current[k];
        up[width + 1] = up[width];
        line[0] = up[1];
        runIndex = runIndexes[k];
        decodeLine(up, line);
        runIndexes[k] = runIndex;
        System.arraycopy(line, 1, planes[k], y * width, width);
      }
    }
  }

  private void decodeLine(int[] up, int[] line) throws RenderException {
    int x = 1;
    while (x <= width) {
      int ra = line[x - 1];
      int rb = up[x];
      int rc = up[x - 1];
      int rd = up[x + 1];
      int d1 = rd - rb;
      int d2 = rb - rc;
      int d3 = rc - ra;
      int near = p.near();
      if (Math.abs(d1) <= near && Math.abs(d2) <= near && Math.abs(d3) <= near) {
        x += runMode(up, line, x);
      } else {
        line[x] = regular(p.quantize(d1) * 81 + p.quantize(d2) * 9 + p.quantize(d3), ra, rb, rc);
        x++;
      }
    }
  }

  private int regular(int contextId, int ra, int rb, int rc) throws RenderException {
    int sign = contextId < 0 ? -1 : 1;
    int q = Math.abs(contextId);
    int prediction = p.clampToRange(medianEdge(ra, rb, rc) + sign * c[q]);
    int k = 0;
    while (n[q] << k < a[q]) {
      k++;
    }
    int mapped = golomb(k, p.limit());
    int error = (mapped >>> 1) ^ -(mapped & 1); // 0, -1, 1, -2, 2, ...
    if (k == 0 && p.near() == 0 && 2 * b[q] + n[q] - 1 < 0) {
      error = -error - 1;
    }
    update(q, error);
    return p.reconstruct(prediction, sign * error);
  }

  private void update(int q, int error) {
    a[q] += Math.abs(error);
    b[q] += error * (2 * p.near() + 1);
    if (n[q] == p.reset()) {
      a[q] >>= 1;
      b[q] >>= 1;
      n[q] >>= 1;
    }
    n[q]++;
    if (b[q] + n[q] <= 0) {
      b[q] += n[q];
      if (b[q] <= -n[q]) {
        b[q] = -n[q] + 1;
      }
      if (c[q] > -128) {
        c[q]--;
      }
    } else if (b[q] > 0) {
      b[q] -= n[q];
      if (b[q] > 0) {
        b[q] = 0;
      }
      if (c[q] < 127) {
        c[q]++;
      }
    }
  }

  /**
   * A run of Ra from x, then (unless the line ended) the interrupting sample; returns the samples
   * decoded.
   */
  private int runMode(int[] up, int[] line, int x) throws RenderException {
    int ra = line[x - 1];
    int left = width - x + 1;
    int length = runLength(left);
    Arrays.fill(line, x, x + length, ra);
    if (length == left) {
      return length;
    }
    int end = x + length;
    int rb = up[end];
    if (Math.abs(ra - rb) <= p.near()) {
      line[end] = p.reconstruct(ra, interruptionError(CONTEXTS + 1, 1));
    } else {
      line[end] = p.reconstruct(rb, interruptionError(CONTEXTS, 0) * (rb - ra < 0 ? -1 : 1));
    }
    runIndex = Math.max(0, runIndex - 1);
    return length + 1;
  }

  /**
   * The length of a run (A.7.1.2): whole blocks of 2^J[RUNindex] while 1 bits come, then a
   * remainder.
   */
  private int runLength(int left) throws RenderException {
    int length = 0;
    while (bits.readBit()) {
      int count = Math.min(1 << J[runIndex], left - length);
      length += count;
      if (count == 1 << J[runIndex]) {
        runIndex = Math.min(31, runIndex + 1);
      }
      if (length == left) {
        break;
      }
    }
    if (length != left) {
      length += J[runIndex] > 0 ? bits.read(J[runIndex]) : 0;
    }
    if (length > left) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "JPEG-LS run past the end of a line");
    }
    return length;
  }

  /** The error of a run-interruption sample (A.7.2), with the context's update. */
  private int interruptionError(int q, int type) throws RenderException {
    int temp = a[q] + (n[q] >> 1) * type;
    int k = 0;
    while (n[q] << k < temp) {
      k++;
    }
    int mapped = golomb(k, p.limit() - J[runIndex] - 1);
    int value = mapped + type;
    boolean map = (value & 1) != 0;
    int magnitude = (value + (map ? 1 : 0)) / 2;
    int error = (k != 0 || 2 * nn[q] >= n[q]) == map ? -magnitude : magnitude;
    if (error < 0) {
      nn[q]++;
    }
    a[q] += (mapped + 1 - type) >> 1;
    if (n[q] == p.reset()) {
      a[q] >>= 1;
      n[q] >>= 1;
      nn[q] >>= 1;
    }
    n[q]++;
    return error;
  }

  /**
   * A limited-length Golomb code (A.5.3): unary high bits, then k low bits, or an escape with qbpp
   * bits.
   */
  private int golomb(int k, int limit) throws RenderException {
    int high = bits.readUnary();
    if (high >= limit - (p.qbpp() + 1)) {
      return bits.read(p.qbpp()) + 1;
    }
    return k == 0 ? high : (high << k) + bits.read(k);
  }

  private static int medianEdge(int ra, int rb, int rc) {
    if (rc >= Math.max(ra, rb)) {
      return Math.min(ra, rb);
    }
    if (rc <= Math.min(ra, rb)) {
      return Math.max(ra, rb);
    }
    return ra + rb - rc;
  }
}
