package org.sinfonia.core.dicom;

/**
 * Guesses the encoding of a data set that arrives without file meta information (or whose meta
 * names no usable transfer syntax) from its first element header, as dcmtk does: a tag group
 * written as 00 08 means big endian; two upper-case letters after the tag mean explicit VR.
 */
final class EncodingSniffer {

  static final int BYTES_NEEDED = 8;

  /** What the first bytes say; {@code fileMeta} if they start a group 0002 element. */
  record Guess(boolean fileMeta, boolean explicitVr, boolean bigEndian) {}

  private EncodingSniffer() {}

  /** Returns the guess, or null if the bytes cannot start a DICOM data set. */
  static Guess sniff(HeaderBytes first, boolean fileMetaAllowed) {
    if (fileMetaAllowed && first.u16(0, false) == 0x0002) {
      return new Guess(true, true, false);
    }
    boolean bigEndian = first.u8(0) == 0 && first.u8(1) != 0;
    int group = first.u16(0, bigEndian);
    if (group < 0x0002 || group > 0x7FFF && group != 0xFFFC) {
      return null; // no standard data set starts with the command group or beyond pixel data
    }
    boolean explicitVr = Vr.ofCode(first.u8(4), first.u8(5)) != null;
    return new Guess(false, explicitVr, bigEndian);
  }
}
