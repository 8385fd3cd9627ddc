package org.sinfonia.core.dicom;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * How DICOM numbers become JSON numbers (PS3.18 F.2.3). DS and IS text is written as a JSON number,
 * rewritten into JSON's stricter syntax when needed ("+1.5" -> 1.5, ".5" -> 0.5, "007" -> 7). Text
 * that is no number at all is kept as a JSON string, which CP 1861 allows, so that no value is lost
 * or invented. Non-finite FL/FD values have no JSON number and are written as the strings "NaN",
 * "Infinity", "-Infinity".
 */
final class DicomJsonNumbers {

  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

  private DicomJsonNumbers() {}

  /** The JSON number for DS or IS text, or null if the text is not a number. */
  static String fromDecimalText(String text) {
    String trimmed = text.trim();
    if (JSON_NUMBER.matcher(trimmed).matches()) {
      return trimmed;
    }
    try {
      return new BigDecimal(trimmed).toString();
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The JSON number for a float or double, or null if it is not finite. */
  static String fromDouble(double value, boolean single) {
    if (!Double.isFinite(value)) {
      return null;
    }
    return single ? Float.toString((float) value) : Double.toString(value);
  }
}
