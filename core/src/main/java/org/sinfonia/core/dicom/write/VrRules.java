package org.sinfonia.core.dicom.write;

import org.sinfonia.core.dicom.Vr;

/**
 * Encoding rules per VR that a writer needs: padding byte and maximum value lengths (PS3.5 6.2).
 */
final class VrRules {

  private VrRules() {}

  /** UI and binary values pad with 0x00, text with a space. */
  static byte padByte(Vr vr) {
    return switch (vr.kind()) {
      case TEXT, ASCII_TEXT -> vr == Vr.UI ? (byte) 0 : (byte) ' ';
      default -> 0;
    };
  }

  /**
   * Maximum length of one value (between backslashes), in characters for text VRs and bytes for the
   * default-repertoire ones; -1 if only the length field limits it.
   */
  static int maxValueLength(Vr vr) {
    return switch (vr) {
      case AE, CS, DS, SH -> 16;
      case AS -> 4;
      case DA -> 8;
      case DT -> 26;
      case IS -> 12;
      case LO, PN, UI -> 64;
      case LT -> 10240;
      case ST -> 1024;
      case TM -> 14;
      default -> -1;
    };
  }

  /** Throws IllegalArgumentException if {@code value} breaks the VR's per-value length limit. */
  static void checkString(int tag, Vr vr, String value) {
    int max = maxValueLength(vr);
    String[] parts = vr.isMultiValued() ? value.split("\\\\", -1) : new String[] {value};
    for (String part : parts) {
      String checked = stripPadding(part);
      if (vr == Vr.PN && max > 0) {
        for (String group : checked.split("=", -1)) {
          if (group.length() > max) {
            throw tooLong(tag, vr, group, max);
          }
        }
      } else if (max > 0 && checked.length() > max) {
        throw tooLong(tag, vr, checked, max);
      }
      if (vr == Vr.UI && !checked.matches("[0-9.]*")) {
        throw new IllegalArgumentException(
            org.sinfonia.core.dicom.DicomTags.format(tag) + " UI value is not a UID: " + checked);
      }
    }
  }

  private static String stripPadding(String part) {
    int end = part.length();
    while (end > 0 && (part.charAt(end - 1) == ' ' || part.charAt(end - 1) == 0)) {
      end--;
    }
    int start = 0;
    while (start < end && part.charAt(start) == ' ') {
      start++;
    }
    return part.substring(start, end);
  }

  private static IllegalArgumentException tooLong(int tag, Vr vr, String value, int max) {
    return new IllegalArgumentException(
        org.sinfonia.core.dicom.DicomTags.format(tag)
            + " "
            + vr
            + " value of "
            + value.length()
            + " characters is longer than the maximum of "
            + max);
  }
}
