package org.sinfonia.core.dicom;

/**
 * DICOM value representations (PS3.5 section 6.2) and the facts a reader needs about each: the size
 * of its length field in explicit VR, how its value is decoded, and the size of one binary number
 * (for byte swapping).
 */
public enum Vr {
  AE(Kind.ASCII_TEXT, 0),
  AS(Kind.ASCII_TEXT, 0),
  AT(Kind.BINARY_NUMBERS, 2),
  CS(Kind.ASCII_TEXT, 0),
  DA(Kind.ASCII_TEXT, 0),
  DS(Kind.ASCII_TEXT, 0),
  DT(Kind.ASCII_TEXT, 0),
  FD(Kind.BINARY_NUMBERS, 8),
  FL(Kind.BINARY_NUMBERS, 4),
  IS(Kind.ASCII_TEXT, 0),
  LO(Kind.TEXT, 0),
  LT(Kind.TEXT, 0),
  OB(Kind.BINARY, 1),
  OD(Kind.BINARY, 8),
  OF(Kind.BINARY, 4),
  OL(Kind.BINARY, 4),
  OV(Kind.BINARY, 8),
  OW(Kind.BINARY, 2),
  PN(Kind.TEXT, 0),
  SH(Kind.TEXT, 0),
  SL(Kind.BINARY_NUMBERS, 4),
  SQ(Kind.SEQUENCE, 0),
  SS(Kind.BINARY_NUMBERS, 2),
  ST(Kind.TEXT, 0),
  SV(Kind.BINARY_NUMBERS, 8),
  TM(Kind.ASCII_TEXT, 0),
  UC(Kind.TEXT, 0),
  UI(Kind.ASCII_TEXT, 0),
  UL(Kind.BINARY_NUMBERS, 4),
  UN(Kind.BINARY, 1),
  UR(Kind.ASCII_TEXT, 0),
  US(Kind.BINARY_NUMBERS, 2),
  UT(Kind.TEXT, 0),
  UV(Kind.BINARY_NUMBERS, 8);

  /** How a value of this VR is decoded. */
  public enum Kind {
    /** Text whose bytes follow Specific Character Set (0008,0005). */
    TEXT,
    /** Text restricted to the default repertoire (codes, numbers as text, dates, UIDs). */
    ASCII_TEXT,
    /** Binary numbers (AT counts as two 16-bit numbers for byte order). */
    BINARY_NUMBERS,
    /** Opaque bytes or arrays of numbers (OB, OW, OF, ..., UN), kept as bytes. */
    BINARY,
    /** A sequence of items. */
    SEQUENCE
  }

  private static final Vr[] BY_CODE = new Vr[26 * 26];

  static {
    for (Vr vr : values()) {
      BY_CODE[(vr.name().charAt(0) - 'A') * 26 + vr.name().charAt(1) - 'A'] = vr;
    }
  }

  private final Kind kind;
  private final int numberSize;

  Vr(Kind kind, int numberSize) {
    this.kind = kind;
    this.numberSize = numberSize;
  }

  public Kind kind() {
    return kind;
  }

  /** Bytes per number for byte swapping: 1 for byte strings and text, 2/4/8 otherwise. */
  public int numberSize() {
    return Math.max(numberSize, 1);
  }

  /**
   * True if explicit VR encodes this VR with two reserved bytes and a 32-bit length (PS3.5 table
   * 7.1-1); the others use a 16-bit length.
   */
  public boolean hasLongLength() {
    switch (this) {
      case OB:
      case OD:
      case OF:
      case OL:
      case OV:
      case OW:
      case SQ:
      case SV:
      case UC:
      case UN:
      case UR:
      case UT:
      case UV:
        return true;
      default:
        return false;
    }
  }

  /** True if one value of this VR may hold several values separated by a backslash. */
  public boolean isMultiValued() {
    return this != LT && this != ST && this != UT && this != UR;
  }

  /** The VR spelled by two bytes of an explicit VR header, or null if they name none. */
  public static Vr ofCode(int first, int second) {
    if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
      return null;
    }
    return BY_CODE[(first - 'A') * 26 + second - 'A'];
  }

  /** The VR named by a two-letter code such as "PN", or null. */
  public static Vr ofCode(String code) {
    return code.length() == 2 ? ofCode(code.charAt(0), code.charAt(1)) : null;
  }
}
