package org.sinfonia.core.render.display;

/**
 * Stored values to 8-bit display values: modality transform, VOI window and function (or VOI LUT),
 * and the inversion of MONOCHROME1 (where zero is white). Uses a table over the frame's range of
 * stored values when it is small (every 8- to 16-bit image), so each pixel costs one array read.
 */
final class GreyscaleMapper {

  /** Larger ranges (32-bit data) are mapped pixel by pixel instead of through a table. */
  private static final long MAX_TABLE = 1L << 20;

  private final ModalityTransform modality;
  private final VoiSelection voi;
  private final boolean inverted;

  GreyscaleMapper(ModalityTransform modality, VoiSelection voi, boolean inverted) {
    this.modality = modality;
    this.voi = voi;
    this.inverted = inverted;
  }

  /** Maps every sample; {@code range} must contain them all. */
  byte[] map(int[] samples, SampleRange range) {
    byte[] display = new byte[samples.length];
    if (range.span() <= MAX_TABLE) {
      byte[] table = new byte[(int) range.span()];
      for (int i = 0; i < table.length; i++) {
        table[i] = (byte) displayValue(range.min() + i);
      }
      int offset = range.min();
      for (int i = 0; i < samples.length; i++) {
        display[i] = table[samples[i] - offset];
      }
    } else {
      for (int i = 0; i < samples.length; i++) {
        display[i] = (byte) displayValue(samples[i]);
      }
    }
    return display;
  }

  int displayValue(int stored) {
    double y =
        Math.max(
            0, Math.min(1, voi.apply(modality.apply(stored)))); // a malformed LUT may overshoot
    // truncated, not rounded: the same display values as dcmtk's, so the comparison tests can be
    // exact
    return (int) ((inverted ? 1 - y : y) * 255);
  }
}
