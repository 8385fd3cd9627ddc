package org.sinfonia.core.dicomweb;

import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.error.ApiError;

/**
 * A DA, TM or DT key as an inclusive range of normalised text: {@code 20240101-20240131}, {@code
 * -20240131}, {@code 20240101-} or a single value. Values are normalised by padding (TM {@code
 * 1015} is {@code 101500.000000}; an upper bound pads with the last instant it covers, so {@code
 * -10} ends at 10:59:59.999999); DT time zone offsets are ignored.
 */
public record DateRange(Vr vr, String from, String to) {

  public static DateRange parse(Vr vr, String key) {
    String k = key.strip();
    int dash = vr == Vr.DT ? dtDash(k) : k.indexOf('-');
    if (dash < 0) {
      check(vr, k, key);
      return new DateRange(vr, low(vr, k), high(vr, k));
    }
    String a = k.substring(0, dash).strip();
    String b = k.substring(dash + 1).strip();
    if (a.isEmpty() && b.isEmpty()) {
      throw ApiError.badRequest("INVALID_QUERY", "the range %s has no bound", key);
    }
    check(vr, a, key);
    check(vr, b, key);
    return new DateRange(vr, a.isEmpty() ? null : low(vr, a), b.isEmpty() ? null : high(vr, b));
  }

  /**
   * In a DT key a '-' may also start a time zone offset (after 10+ characters, followed by 4
   * digits).
   */
  private static int dtDash(String k) {
    int tokenStart = 0;
    for (int i = 0; i < k.length(); i++) {
      if (k.charAt(i) != '-') {
        continue;
      }
      boolean zone =
          i - tokenStart >= 10
              && i + 5 <= k.length()
              && k.substring(i + 1, i + 5).chars().allMatch(Character::isDigit)
              && (i + 5 == k.length() || k.charAt(i + 5) == '-');
      if (!zone) {
        return i;
      }
      tokenStart = i + 5;
    }
    return -1;
  }

  private static void check(Vr vr, String v, String key) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Character.isDigit(c)
          || c == '.'
          || c == ':'
          || (vr == Vr.DT && (c == '+' || c == '-')))) {
        throw ApiError.badRequest("INVALID_QUERY", "%s is not a valid %s value or range", key, vr);
      }
    }
  }

  public boolean contains(String value) {
    String v = low(vr, value.strip());
    return (from == null || v.compareTo(from) >= 0) && (to == null || v.compareTo(to) <= 0);
  }

  private static String low(Vr vr, String v) {
    return normalise(vr, v, '0');
  }

  private static String high(Vr vr, String v) {
    return normalise(vr, v, '9');
  }

  /**
   * Digits only, padded to full precision: lower bounds with the first instant, upper ones with the
   * last.
   */
  private static String normalise(Vr vr, String v, char pad) {
    boolean upper = pad == '9';
    String s = v;
    if (vr == Vr.DT && s.length() > 10) {
      int zone = Math.max(s.indexOf('+', 10), s.indexOf('-', 10));
      if (zone > 0) {
        s = s.substring(0, zone);
      }
    }
    s = s.replace(":", "");
    if (vr == Vr.DA) {
      return pad(s.replace(".", ""), upper ? "99991231" : "00000101");
    }
    String whole = s;
    String fraction = "";
    int dot = s.indexOf('.');
    if (dot >= 0) {
      whole = s.substring(0, dot);
      fraction = s.substring(dot + 1);
    }
    String w =
        vr == Vr.TM
            ? pad(whole, upper ? "235959" : "000000")
            : pad(whole, upper ? "99991231235959" : "00000101000000");
    return w + "." + pad(fraction, upper ? "999999" : "000000");
  }

  private static String pad(String s, String filler) {
    if (s.length() >= filler.length()) {
      return s.substring(0, filler.length());
    }
    return s + filler.substring(s.length());
  }
}
