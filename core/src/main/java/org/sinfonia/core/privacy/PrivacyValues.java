package org.sinfonia.core.privacy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.sinfonia.core.dicom.Vr;

/** How the privacy code reads an element's value bytes as the stream carries them. */
public final class PrivacyValues {

  private PrivacyValues() {}

  /**
   * The charset text values are read in, from Specific Character Set (0008,0005): UTF-8 for {@code
   * ISO_IR 192}, else ISO 8859-1 (which decodes any byte, so nothing is lost for detection).
   */
  public static Charset charsetOf(byte[] specificCharacterSet) {
    String text = new String(specificCharacterSet, StandardCharsets.US_ASCII).trim();
    return text.contains("ISO_IR 192") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
  }

  /** True for the VRs whose value is text. */
  public static boolean isText(Vr vr) {
    return vr.kind() == Vr.Kind.TEXT || vr.kind() == Vr.Kind.ASCII_TEXT;
  }

  /**
   * One element as {@link FindingsCollector} and {@link Deidentifier} take it: text VRs decoded,
   * others by length; a null value (bulk data) by its length.
   */
  public static PrivacyElement element(
      int tag, Vr vr, java.util.List<PathStep> path, byte[] value, long length, Charset charset) {
    if (vr == Vr.SQ) {
      return PrivacyElement.sequence(tag, path, -1);
    }
    if (value != null && isText(vr)) {
      Charset cs = vr.kind() == Vr.Kind.TEXT ? charset : StandardCharsets.US_ASCII;
      return new PrivacyElement(tag, vr, path, new String(value, cs), value.length);
    }
    return PrivacyElement.binary(tag, vr, path, value != null ? value.length : length);
  }
}
