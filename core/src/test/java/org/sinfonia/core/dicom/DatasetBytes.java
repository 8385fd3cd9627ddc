package org.sinfonia.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes data set bytes by hand, for cases dcmtk will not produce (CP-246 UN, broken files). */
final class DatasetBytes {

  static final long UNDEFINED = 0xFFFFFFFFL;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean bigEndian;

  DatasetBytes(boolean bigEndian) {
    this.bigEndian = bigEndian;
  }

  static DatasetBytes littleEndian() {
    return new DatasetBytes(false);
  }

  DatasetBytes preamble() {
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** An explicit VR element with a defined length. */
  DatasetBytes explicit(int tag, String vr, byte[] value) {
    return explicitHeader(tag, vr, value.length).raw(value);
  }

  DatasetBytes explicit(int tag, String vr, String text) {
    return explicit(tag, vr, even(text));
  }

  /** An explicit VR header only: length may be {@link #UNDEFINED} or a lie. */
  DatasetBytes explicitHeader(int tag, String vr, long length) {
    tag(tag);
    out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
    Vr parsed = Vr.ofCode(vr);
    if (parsed != null && parsed.hasLongLength()) {
      number(0, 2);
      number(length, 4);
    } else {
      number(length, 2);
    }
    return this;
  }

  DatasetBytes implicit(int tag, byte[] value) {
    return implicitHeader(tag, value.length).raw(value);
  }

  DatasetBytes implicit(int tag, String text) {
    return implicit(tag, even(text));
  }

  DatasetBytes implicitHeader(int tag, long length) {
    tag(tag);
    return number(length, 4);
  }

  DatasetBytes item(long length) {
    return implicitHeader(DicomTags.ITEM, length);
  }

  DatasetBytes itemEnd() {
    return implicitHeader(DicomTags.ITEM_DELIMITATION_ITEM, 0);
  }

  DatasetBytes sequenceEnd() {
    return implicitHeader(DicomTags.SEQUENCE_DELIMITATION_ITEM, 0);
  }

  DatasetBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  DatasetBytes number(long value, int size) {
    for (int i = 0; i < size; i++) {
      int shift = 8 * (bigEndian ? size - 1 - i : i);
      out.write((int) (value >>> shift));
    }
    return this;
  }

  byte[] toBytes() {
    return out.toByteArray();
  }

  int size() {
    return out.size();
  }

  private void tag(int tag) {
    number(tag >>> 16, 2);
    number(tag & 0xFFFF, 2);
  }

  static byte[] even(String text) {
    String padded = text.length() % 2 == 0 ? text : text + " ";
    return padded.getBytes(StandardCharsets.ISO_8859_1);
  }
}
