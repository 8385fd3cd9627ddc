package org.sinfonia.core.dicom;

/**
 * The header of one data element as read from the stream.
 *
 * @param tag group in the high 16 bits, element in the low 16
 * @param vr from the stream (explicit VR) or from the dictionary (implicit VR)
 * @param length value length in bytes, or {@link #UNDEFINED_LENGTH}
 * @param valueOffset offset of the first value byte in the file (for a deflated data set: in the
 *     inflated stream)
 * @param bigEndian byte order of the value's binary numbers
 */
public record ElementHeader(int tag, Vr vr, long length, long valueOffset, boolean bigEndian) {

  /** The length of sequences, items and encapsulated pixel data closed by a delimiter. */
  public static final long UNDEFINED_LENGTH = -1;

  public boolean hasUndefinedLength() {
    return length == UNDEFINED_LENGTH;
  }
}
