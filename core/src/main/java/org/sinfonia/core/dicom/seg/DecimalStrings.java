package org.sinfonia.core.dicom.seg;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as DS values: at most 16 characters (PS3.5 6.2), as precise as that allows. */
final class DecimalStrings {

  private static final int MAX = 16;

  private DecimalStrings() {}

  static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("DS cannot hold " + value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal exact = BigDecimal.valueOf(value);
    for (int digits = MAX; digits > 0; digits--) {
      BigDecimal rounded = exact.round(new MathContext(digits)).stripTrailingZeros();
      String plain = rounded.toPlainString();
      if (plain.length() <= MAX) {
        return plain;
      }
      String scientific = rounded.toString();
      if (scientific.length() <= MAX) {
        return scientific;
      }
    }
    throw new IllegalArgumentException("DS cannot hold " + value);
  }

  static String[] format(double... values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = format(values[i]);
    }
    return out;
  }
}
