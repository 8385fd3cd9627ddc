package org.sinfonia.core.rt;

/**
 * The "jet" colour map (dark blue, blue, cyan, yellow, red, dark red) as three piecewise-linear
 * ramps: the dose-wash convention of treatment planning systems.
 */
final class DoseColourMap {

  private DoseColourMap() {}

  /** The colour (0xRRGGBB) of {@code fraction} of the maximum, clamped to 0..1. */
  static int rgb(double fraction) {
    double t = Math.max(0, Math.min(1, fraction));
    return channel(1.5 - Math.abs(4 * t - 3)) << 16
        | channel(1.5 - Math.abs(4 * t - 2)) << 8
        | channel(1.5 - Math.abs(4 * t - 1));
  }

  private static int channel(double value) {
    return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
  }
}
