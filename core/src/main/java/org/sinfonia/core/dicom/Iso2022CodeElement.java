package org.sinfonia.core.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The character sets that DICOM lets ISO 2022 escape sequences switch to (PS3.3 C.12.1.1.2, PS3.5
 * 6.1.2.5), each with the escape sequence that designates it and how the JDK decodes it. Two-byte
 * sets are decoded through their EUC form: JIS X 0208/0212 by setting the high bits (EUC-JP), KS X
 * 1001 and GB 2312 arrive with the high bits already set (EUC-KR, GB2312).
 */
enum Iso2022CodeElement {
  ASCII(true, "(B", null),
  JIS_X0201_ROMAN(true, "(J", null),
  JIS_X0208(true, "$B", "EUC-JP"),
  JIS_X0212(true, "$(D", "EUC-JP"),
  JIS_X0201_KATAKANA(false, ")I", "JIS_X0201"),
  LATIN1(false, "-A", "ISO-8859-1"),
  LATIN2(false, "-B", "ISO-8859-2"),
  LATIN3(false, "-C", "ISO-8859-3"),
  LATIN4(false, "-D", "ISO-8859-4"),
  GREEK(false, "-F", "ISO-8859-7"),
  ARABIC(false, "-G", "ISO-8859-6"),
  HEBREW(false, "-H", "ISO-8859-8"),
  CYRILLIC(false, "-L", "ISO-8859-5"),
  LATIN5(false, "-M", "ISO-8859-9"),
  THAI(false, "-T", "x-iso-8859-11"),
  KS_X1001(false, "$)C", "EUC-KR"),
  GB2312(false, "$)A", "GB2312");

  private static final byte ESC = 0x1B;

  /** True if the escape designates G0 (bytes 00-7F), false for G1 (bytes 80-FF). */
  final boolean g0;

  /** The escape sequence after ESC. */
  final String escape;

  private final Charset charset;

  Iso2022CodeElement(boolean g0, String escape, String charsetName) {
    this.g0 = g0;
    this.escape = escape;
    this.charset = charsetName == null ? StandardCharsets.ISO_8859_1 : Charset.forName(charsetName);
  }

  /** The element designated by the escape sequence starting at {@code bytes[at]} (ESC), or null. */
  static Iso2022CodeElement designatedAt(byte[] bytes, int at) {
    for (Iso2022CodeElement element : values()) {
      if (startsWith(bytes, at + 1, element.escape)) {
        return element;
      }
    }
    return null;
  }

  /** The element that a defined term such as "ISO 2022 IR 87" or "ISO_IR 100" puts in G0 or G1. */
  static Iso2022CodeElement ofTerm(String term, boolean wantG0) {
    String number = term.replaceFirst("^ISO(_| 2022 )IR ", "");
    Iso2022CodeElement element =
        switch (number) {
          case "100" -> LATIN1;
          case "101" -> LATIN2;
          case "109" -> LATIN3;
          case "110" -> LATIN4;
          case "126" -> GREEK;
          case "127" -> ARABIC;
          case "138" -> HEBREW;
          case "144" -> CYRILLIC;
          case "148" -> LATIN5;
          case "166" -> THAI;
          case "13" -> wantG0 ? JIS_X0201_ROMAN : JIS_X0201_KATAKANA;
          case "87" -> JIS_X0208;
          case "159" -> JIS_X0212;
          case "149" -> KS_X1001;
          case "58" -> GB2312;
          default -> ASCII;
        };
    return element.g0 == wantG0 ? element : null;
  }

  int escapeLength() {
    return 1 + escape.length();
  }

  /**
   * Decodes bytes[from, to) (all below 80 for a G0 set, all from 80 for a G1 set) into {@code out}.
   */
  void decode(byte[] bytes, int from, int to, StringBuilder out) {
    switch (this) {
      case ASCII, JIS_X0201_ROMAN ->
          out.append(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
      case JIS_X0208, JIS_X0212 -> decodeJisTwoByte(bytes, from, to, out);
      default -> out.append(new String(bytes, from, to - from, charset));
    }
  }

  /**
   * JIS X 0208/0212 in G0 is 7-bit: the EUC-JP form sets both high bits (and prefixes 8F for 0212).
   */
  private void decodeJisTwoByte(byte[] bytes, int from, int to, StringBuilder out) {
    byte[] euc = new byte[(to - from) / 2 * 3 + 1];
    int n = 0;
    int i = from;
    while (i < to) {
      int first = bytes[i] & 0xFF;
      if (first < 0x21 || first > 0x7E || i + 1 >= to) { // controls and space stay single bytes
        flush(euc, n, out);
        n = 0;
        out.append((char) first);
        i++;
        continue;
      }
      if (this == JIS_X0212) {
        euc[n++] = (byte) 0x8F;
      }
      euc[n++] = (byte) (first | 0x80);
      euc[n++] = (byte) (bytes[i + 1] | 0x80);
      i += 2;
    }
    flush(euc, n, out);
  }

  private void flush(byte[] euc, int n, StringBuilder out) {
    if (n > 0) {
      out.append(new String(euc, 0, n, charset));
    }
  }

  private static boolean startsWith(byte[] bytes, int at, String escape) {
    if (at + escape.length() > bytes.length) {
      return false;
    }
    for (int i = 0; i < escape.length(); i++) {
      if (bytes[at + i] != escape.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean isEscape(byte b) {
    return b == ESC;
  }
}
