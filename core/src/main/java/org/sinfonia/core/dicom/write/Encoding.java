package org.sinfonia.core.dicom.write;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.Vr;

/** Value encoding helpers shared by the writer and the rewriter. */
final class Encoding {

  private Encoding() {}

  /** The value padded to even length with the VR's padding byte (a copy only if padded). */
  static byte[] padded(byte[] value, Vr vr) {
    if (value.length % 2 == 0) {
      return value;
    }
    byte[] even = Arrays.copyOf(value, value.length + 1);
    even[value.length] = VrRules.padByte(vr);
    return even;
  }

  static byte[] ascii(int tag, String value) {
    return encode(tag, value, StandardCharsets.US_ASCII);
  }

  /** Encodes strictly: a character the charset cannot encode is an IllegalArgumentException. */
  static byte[] encode(int tag, String value, Charset charset) {
    try {
      ByteBuffer encoded =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(value));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          DicomTags.format(tag)
              + " value cannot be encoded in "
              + charset
              + " (set the writer's text charset to match Specific Character Set)");
    }
  }
}
