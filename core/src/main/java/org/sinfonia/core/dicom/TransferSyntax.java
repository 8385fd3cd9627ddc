package org.sinfonia.core.dicom;

/**
 * How a data set is encoded, as far as a parser cares: VR explicit or implicit, byte order,
 * deflated or not, and whether pixel data is encapsulated (compressed in fragments).
 *
 * @param uid the Transfer Syntax UID, from the file meta information or the one that the sniffed
 *     encoding corresponds to
 * @param explicitVr true if each element header carries its VR
 * @param bigEndian true for Explicit VR Big Endian (retired)
 * @param deflated true if the data set is a raw deflate stream (1.2.840.10008.1.2.1.99)
 * @param encapsulated true for compressed syntaxes whose pixel data is a sequence of fragments
 * @param recognized false for a UID this class does not know; such data sets are read as explicit
 *     VR little endian after checking the first element
 */
public record TransferSyntax(
    String uid,
    boolean explicitVr,
    boolean bigEndian,
    boolean deflated,
    boolean encapsulated,
    boolean recognized) {

  public static final String IMPLICIT_VR_LITTLE_ENDIAN_UID = "1.2.840.10008.1.2";
  public static final String EXPLICIT_VR_LITTLE_ENDIAN_UID = "1.2.840.10008.1.2.1";
  public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN_UID = "1.2.840.10008.1.2.1.99";
  public static final String EXPLICIT_VR_BIG_ENDIAN_UID = "1.2.840.10008.1.2.2";

  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(IMPLICIT_VR_LITTLE_ENDIAN_UID, false, false, false, false, true);
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(EXPLICIT_VR_LITTLE_ENDIAN_UID, true, false, false, false, true);
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN_UID, true, false, true, false, true);
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      new TransferSyntax(EXPLICIT_VR_BIG_ENDIAN_UID, true, true, false, false, true);

  /** The syntax that a UID names; compressed syntaxes are explicit VR little endian. */
  public static TransferSyntax forUid(String uid) {
    switch (uid) {
      case IMPLICIT_VR_LITTLE_ENDIAN_UID:
        return IMPLICIT_VR_LITTLE_ENDIAN;
      case EXPLICIT_VR_LITTLE_ENDIAN_UID:
        return EXPLICIT_VR_LITTLE_ENDIAN;
      case DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN_UID:
        return DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
      case EXPLICIT_VR_BIG_ENDIAN_UID:
        return EXPLICIT_VR_BIG_ENDIAN;
      default:
        break;
    }
    // JPEG family, JPEG-LS, JPEG 2000, HTJ2K, JPEG XL, MPEG, HEVC (.4.x); RLE (.5); deflated image
    // frames (.8.1)
    boolean compressed =
        uid.startsWith("1.2.840.10008.1.2.4.")
            || uid.equals("1.2.840.10008.1.2.5")
            || uid.equals("1.2.840.10008.1.2.8.1");
    return new TransferSyntax(uid, true, false, false, compressed, compressed);
  }

  /** The standard syntax matching an encoding found by looking at the bytes of a data set. */
  public static TransferSyntax sniffed(boolean explicitVr, boolean bigEndian) {
    if (!explicitVr) {
      return IMPLICIT_VR_LITTLE_ENDIAN;
    }
    return bigEndian ? EXPLICIT_VR_BIG_ENDIAN : EXPLICIT_VR_LITTLE_ENDIAN;
  }
}
