package org.sinfonia.core.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes text values (SH, LO, ST, LT, UC, UT, PN) according to Specific Character Set (0008,0005):
 * a single-byte ISO 8859 set, UTF-8, GB18030 or GBK, or ISO 2022 code extensions where escape
 * sequences switch between ASCII, JIS X 0201/0208/0212, KS X 1001, GB 2312 and the ISO 8859 sets.
 * Unknown terms decode as ISO 8859-1 so that no value is lost.
 */
public final class SpecificCharacterSet {

  /** ISO_IR 6, the default repertoire; bytes above 7F (not allowed there) read as ISO 8859-1. */
  public static final SpecificCharacterSet DEFAULT =
      new SpecificCharacterSet(StandardCharsets.ISO_8859_1, null, null);

  private final Charset single;
  private final Iso2022CodeElement initialG0;
  private final Iso2022CodeElement initialG1;

  private SpecificCharacterSet(
      Charset single, Iso2022CodeElement initialG0, Iso2022CodeElement initialG1) {
    this.single = single;
    this.initialG0 = initialG0;
    this.initialG1 = initialG1;
  }

  /** The character set named by the values of (0008,0005), e.g. ["", "ISO 2022 IR 87"]. */
  public static SpecificCharacterSet of(List<String> definedTerms) {
    if (definedTerms.isEmpty()) {
      return DEFAULT;
    }
    String first = definedTerms.get(0).trim();
    boolean codeExtensions =
        definedTerms.size() > 1 || first.startsWith("ISO 2022") || first.equals("ISO_IR 13");
    if (codeExtensions) {
      Iso2022CodeElement g0 =
          first.isEmpty() ? Iso2022CodeElement.ASCII : Iso2022CodeElement.ofTerm(first, true);
      Iso2022CodeElement g1 = first.isEmpty() ? null : Iso2022CodeElement.ofTerm(first, false);
      return new SpecificCharacterSet(null, g0 == null ? Iso2022CodeElement.ASCII : g0, g1);
    }
    return new SpecificCharacterSet(charsetOf(first), null, null);
  }

  /** Decodes a whole value; escape sequences, if any, apply from the start of the value. */
  public String decode(byte[] bytes) {
    if (single != null) {
      return new String(bytes, single);
    }
    StringBuilder out = new StringBuilder(bytes.length);
    Iso2022CodeElement g0 = initialG0;
    Iso2022CodeElement g1 = initialG1;
    int i = 0;
    while (i < bytes.length) {
      if (Iso2022CodeElement.isEscape(bytes[i])) {
        Iso2022CodeElement designated = Iso2022CodeElement.designatedAt(bytes, i);
        if (designated != null) {
          if (designated.g0) {
            g0 = designated;
          } else {
            g1 = designated;
          }
          i += designated.escapeLength();
          continue;
        }
      }
      int start = i;
      boolean high = bytes[i] < 0;
      i++;
      while (i < bytes.length && bytes[i] < 0 == high && !Iso2022CodeElement.isEscape(bytes[i])) {
        i++;
      }
      Iso2022CodeElement set = high ? (g1 == null ? Iso2022CodeElement.LATIN1 : g1) : g0;
      set.decode(bytes, start, i, out);
    }
    return out.toString();
  }

  private static Charset charsetOf(String term) {
    return switch (term) {
      case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
      case "ISO_IR 101" -> Charset.forName("ISO-8859-2");
      case "ISO_IR 109" -> Charset.forName("ISO-8859-3");
      case "ISO_IR 110" -> Charset.forName("ISO-8859-4");
      case "ISO_IR 144" -> Charset.forName("ISO-8859-5");
      case "ISO_IR 127" -> Charset.forName("ISO-8859-6");
      case "ISO_IR 126" -> Charset.forName("ISO-8859-7");
      case "ISO_IR 138" -> Charset.forName("ISO-8859-8");
      case "ISO_IR 148" -> Charset.forName("ISO-8859-9");
      case "ISO_IR 166" -> Charset.forName("x-iso-8859-11");
      case "ISO_IR 192" -> StandardCharsets.UTF_8;
      case "GB18030" -> Charset.forName("GB18030");
      case "GBK" -> Charset.forName("GBK");
      default -> StandardCharsets.ISO_8859_1; // ISO_IR 6 and unknown terms
    };
  }
}
