package org.sinfonia.core.privacy;

/** RFC 4648 base32 (A-Z, 2-7) without padding. */
final class Base32 {

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = buffer << 8 | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[buffer >>> (bits - 5) & 0x1F]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[buffer << (5 - bits) & 0x1F]);
    }
    return out.toString();
  }
}
