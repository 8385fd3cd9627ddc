package org.sinfonia.core.render.codec;

/**
 * The coding parameters of a JPEG-LS scan (T.87 A.2 and C.2.4.1.1): MAXVAL, NEAR, the gradient
 * thresholds T1..T3 (defaults computed, or those of an LSE marker segment), RESET, and the derived
 * RANGE, qbpp and LIMIT.
 */
record JpegLsParameters(
    int maxValue, int near, int t1, int t2, int t3, int reset, int range, int qbpp, int limit) {

  private static final int BASIC_T1 = 3;
  private static final int BASIC_T2 = 7;
  private static final int BASIC_T3 = 21;
  private static final int DEFAULT_RESET = 64;

  /**
   * @param preset MAXVAL, T1, T2, T3, RESET from an LSE segment, 0 meaning "default"; null if none
   */
  static JpegLsParameters of(int precision, int near, int[] preset) {
    int maxValue = preset != null && preset[0] > 0 ? preset[0] : (1 << precision) - 1;
    int range = (maxValue + 2 * near) / (2 * near + 1) + 1;
    int qbpp = ceilLog2(range);
    int bpp = Math.max(2, ceilLog2(maxValue + 1));
    int limit = 2 * (bpp + Math.max(8, bpp));
    int t1;
    int t2;
    int t3;
    if (maxValue >= 128) {
      int factor = (Math.min(maxValue, 4095) + 128) / 256;
      t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxValue);
      t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxValue);
      t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxValue);
    } else {
      int factor = 256 / (maxValue + 1);
      t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxValue);
      t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxValue);
      t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxValue);
    }
    if (preset != null) {
      t1 = preset[1] > 0 ? preset[1] : t1;
      t2 = preset[2] > 0 ? preset[2] : t2;
      t3 = preset[3] > 0 ? preset[3] : t3;
    }
    int reset = preset != null && preset[4] > 0 ? preset[4] : DEFAULT_RESET;
    return new JpegLsParameters(maxValue, near, t1, t2, t3, reset, range, qbpp, limit);
  }

  /** Gradient quantisation into -4..4 (A.3.3). */
  int quantize(int gradient) {
    if (gradient <= -t3) {
      return -4;
    }
    if (gradient <= -t2) {
      return -3;
    }
    if (gradient <= -t1) {
      return -2;
    }
    if (gradient < -near) {
      return -1;
    }
    if (gradient <= near) {
      return 0;
    }
    if (gradient < t1) {
      return 1;
    }
    if (gradient < t2) {
      return 2;
    }
    return gradient < t3 ? 3 : 4;
  }

  /**
   * A reconstructed sample from a prediction and an error, wrapped into range and clamped (A.4.4,
   * A.5.2).
   */
  int reconstruct(int prediction, int error) {
    int value = prediction + error * (2 * near + 1);
    if (value < -near) {
      value += range * (2 * near + 1);
    } else if (value > maxValue + near) {
      value -= range * (2 * near + 1);
    }
    return clampToRange(value);
  }

  int clampToRange(int value) {
    return value < 0 ? 0 : Math.min(value, maxValue);
  }

  private static int clamp(int value, int low, int maxValue) {
    return value > maxValue || value < low ? low : value;
  }

  private static int ceilLog2(int value) {
    return 32 - Integer.numberOfLeadingZeros(value - 1);
  }
}
