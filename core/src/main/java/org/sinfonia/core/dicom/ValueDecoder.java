package org.sinfonia.core.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of one element into a {@link DicomValue}: text through the character set, padding
 * removed and split into values; binary values put into little endian byte order.
 */
final class ValueDecoder {

  private ValueDecoder() {}

  static DicomValue decode(ElementHeader header, byte[] bytes, SpecificCharacterSet charset) {
    Vr vr = header.vr();
    return switch (vr.kind()) {
      case TEXT -> text(vr, charset.decode(bytes));
      case ASCII_TEXT -> text(vr, new String(bytes, StandardCharsets.ISO_8859_1));
      default ->
          new DicomValue.Binary(header.bigEndian() ? swapped(bytes, vr.numberSize()) : bytes);
    };
  }

  /** A text value; it is split into values (and trimmed) when first read. */
  static DicomValue.Text text(Vr vr, String decoded) {
    return new DicomValue.Text(decoded.isEmpty() ? List.of() : new SplitText(vr, decoded));
  }

  /**
   * Splits at backslashes (not for LT, ST, UT, UR) and removes padding: trailing spaces and NULs
   * always; leading spaces too where the standard calls them insignificant (codes, numbers, dates,
   * UIDs), never for free text (SH, LO, PN, ST, LT, UC, UT), whose values are kept as written. A
   * value that is only padding is no value at all.
   */
  static String[] split(Vr vr, String decoded) {
    List<String> values = new ArrayList<>();
    if (vr.isMultiValued()) {
      int start = 0;
      for (int i = decoded.indexOf('\\'); i >= 0; i = decoded.indexOf('\\', start)) {
        values.add(trim(vr, decoded.substring(start, i)));
        start = i + 1;
      }
      values.add(trim(vr, decoded.substring(start)));
    } else {
      values.add(trim(vr, decoded));
    }
    if (values.size() == 1 && values.get(0).isEmpty()) {
      return new String[0];
    }
    return values.toArray(new String[0]);
  }

  private static String trim(Vr vr, String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    if (vr.kind() == Vr.Kind.ASCII_TEXT) {
      while (start < end && value.charAt(start) == ' ') {
        start++;
      }
    }
    return value.substring(start, end);
  }

  /** Reverses the bytes of each number of {@code size} bytes (big to little endian). */
  private static byte[] swapped(byte[] bytes, int size) {
    if (size == 1) {
      return bytes;
    }
    byte[] out = bytes.clone();
    for (int at = 0; at + size <= out.length; at += size) {
      for (int i = 0; i < size / 2; i++) {
        byte b = out[at + i];
        out[at + i] = out[at + size - 1 - i];
        out[at + size - 1 - i] = b;
      }
    }
    return out;
  }
}
