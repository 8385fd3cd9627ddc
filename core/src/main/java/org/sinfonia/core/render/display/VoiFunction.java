package org.sinfonia.core.render.display;

import java.util.Locale;

/**
 * VOI LUT Function (0028,1056): how a window maps modality values to display values (PS3.3
 * C.11.2.1.2 and C.11.2.1.3). Each returns a value in 0..1.
 */
public enum VoiFunction {
  /** The default: c - 0.5 and w - 1, so that a window of width w has w distinct steps. */
  LINEAR {
    @Override
    double apply(double x, Window window) {
      double center = window.center() - 0.5;
      double halfSpan = (window.width() - 1) / 2;
      if (x <= center - halfSpan) {
        return 0;
      }
      if (x > center + halfSpan) {
        return 1;
      }
      return (x - center) / (window.width() - 1) + 0.5;
    }
  },
  LINEAR_EXACT {
    @Override
    double apply(double x, Window window) {
      double halfWidth = window.width() / 2;
      if (x <= window.center() - halfWidth) {
        return 0;
      }
      if (x > window.center() + halfWidth) {
        return 1;
      }
      return (x - window.center()) / window.width() + 0.5;
    }
  },
  SIGMOID {
    @Override
    double apply(double x, Window window) {
      return 1 / (1 + Math.exp(-4 * (x - window.center()) / window.width()));
    }
  };

  abstract double apply(double x, Window window);

  /** The function a data set names; LINEAR when absent or unknown. */
  public static VoiFunction ofDicomName(String value) {
    if (value == null) {
      return LINEAR;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return LINEAR;
    }
  }
}
