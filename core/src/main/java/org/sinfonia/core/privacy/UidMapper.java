package org.sinfonia.core.privacy;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Keyed, deterministic UID replacement: {@code 2.25.} followed by the decimal of the first 128 bits
 * of HMAC-SHA256(site key, "uid:" + original). The same original UID gives the same new UID on
 * every node sharing the key, so all files of a study, and references inside sequences, stay
 * consistent. The output is a valid UID (PS3.5 9.1 and the 2.25 UUID-derived root of PS3.5 B.2) of
 * at most 44 characters.
 *
 * <p>Rule for what is kept: UIDs under the DICOM root {@code 1.2.840.10008.} (SOP classes, transfer
 * syntaxes, coding schemes, well-known instances) identify nothing and are returned unchanged.
 * Every other value is mapped, whatever it looks like (an invalid UID is mapped too, so the output
 * is always valid).
 *
 * <p>Not idempotent: mapping an already mapped UID maps it again ({@code map(map(u)) != map(u)}). A
 * file already de-identified by Sinfonia and de-identified again gets new UIDs, but the same new
 * UIDs every time, so two uploads of the same de-identified study still agree.
 */
public final class UidMapper {

  /** The DICOM root: UIDs under it are kept. */
  public static final String DICOM_ROOT = "1.2.840.10008.";

  private final SiteKey key;

  public UidMapper(SiteKey key) {
    this.key = key;
  }

  /**
   * The replacement for a UID value (padding removed), or the value itself under the DICOM root.
   */
  public String map(String uid) {
    String u = strip(uid);
    if (isWellKnown(u)) {
      return u;
    }
    byte[] h = Arrays.copyOf(key.hmac("uid", u), 16);
    return "2.25." + new BigInteger(1, h).toString();
  }

  /** Maps each value of a multi-valued UI element (backslash separated). */
  public String mapAll(String value) {
    if (value == null) {
      return null;
    }
    String[] parts = strip(value).split("\\\\", -1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append('\\');
      }
      b.append(parts[i].isEmpty() ? "" : map(parts[i]));
    }
    return b.toString();
  }

  /** True for UIDs under the DICOM root, which are never replaced. */
  public static boolean isWellKnown(String uid) {
    return uid != null && strip(uid).startsWith(DICOM_ROOT);
  }

  /**
   * True for a syntactically valid UID: 1-64 chars, digits and dots, no leading zero components.
   */
  public static boolean isValid(String uid) {
    if (uid == null || uid.isEmpty() || uid.length() > 64) {
      return false;
    }
    for (String c : uid.split("\\.", -1)) {
      if (c.isEmpty() || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return false;
      }
      if (c.length() > 1 && c.charAt(0) == '0') {
        return false;
      }
    }
    return true;
  }

  private static String strip(String s) {
    if (s == null) {
      return "";
    }
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\0' || s.charAt(end - 1) == ' ')) {
      end--;
    }
    int start = 0;
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    return s.substring(start, end);
  }
}
