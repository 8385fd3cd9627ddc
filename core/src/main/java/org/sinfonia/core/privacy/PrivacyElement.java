package org.sinfonia.core.privacy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sinfonia.core.dicom.Vr;

/**
 * One element as the privacy code sees it while a file streams: its tag, VR, the enclosing
 * sequences and its value, either decoded text (string VRs; {@code null} for others) or only its
 * length (binary VRs; for SQ the number of items, -1 when not yet known).
 *
 * @param text the decoded value of a string VR, padding included or not; null for binary and SQ
 * @param length the value length in bytes (SQ: item count, -1 unknown)
 */
public record PrivacyElement(int tag, Vr vr, List<PathStep> path, String text, long length) {

  public PrivacyElement {
    path = path == null ? List.of() : List.copyOf(path);
  }

  /** A string-VR element at the top level. */
  public static PrivacyElement text(int tag, Vr vr, String text) {
    return new PrivacyElement(
        tag, vr, List.of(), text, text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** A string-VR element inside sequences. */
  public static PrivacyElement text(int tag, Vr vr, List<PathStep> path, String text) {
    return new PrivacyElement(
        tag, vr, path, text, text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** A binary element (OB, OW, US, ...), known by its length only. */
  public static PrivacyElement binary(int tag, Vr vr, List<PathStep> path, long length) {
    return new PrivacyElement(tag, vr, path, null, length);
  }

  /** A sequence with this many items (-1: undefined length, not yet counted). */
  public static PrivacyElement sequence(int tag, List<PathStep> path, int items) {
    return new PrivacyElement(tag, Vr.SQ, path, null, items);
  }

  /** The text without DICOM padding (trailing spaces and NULs, leading spaces). */
  public String trimmed() {
    if (text == null) {
      return null;
    }
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    while (start < end && text.charAt(start) == ' ') {
      start++;
    }
    return text.substring(start, end);
  }

  /** True when the element carries something: non-blank text, non-zero length, items. */
  public boolean hasValue() {
    if (vr == Vr.SQ) {
      return length != 0;
    }
    if (text != null) {
      String t = trimmed();
      return !t.isEmpty() && !t.replace("\\", "").isBlank();
    }
    return length > 0;
  }

  /** The nesting depth (0 = top-level dataset). */
  public int depth() {
    return path.size();
  }
}
