package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The few bytes of a header (preamble, element header) that a chunk boundary split: the parser
 * copies header bytes here until it has the number it needs, and decodes them from here.
 */
final class HeaderBytes {

  private final byte[] bytes;
  private int size;

  HeaderBytes(int capacity) {
    bytes = new byte[capacity];
  }

  /** Copies from {@code in} until {@code needed} bytes are held; returns how many were copied. */
  int fill(ByteBuffer in, int needed) {
    int n = Math.min(needed - size, in.remaining());
    if (n <= 0) {
      return 0;
    }
    in.get(bytes, size, n);
    size += n;
    return n;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  /**
   * Hands the held bytes back (to be parsed again under another encoding) and empties the buffer.
   */
  byte[] drain() {
    byte[] held = Arrays.copyOf(bytes, size);
    size = 0;
    return held;
  }

  int u8(int index) {
    return bytes[index] & 0xFF;
  }

  int u16(int index, boolean bigEndian) {
    return bigEndian ? u8(index) << 8 | u8(index + 1) : u8(index + 1) << 8 | u8(index);
  }

  long u32(int index, boolean bigEndian) {
    long high = u16(bigEndian ? index : index + 2, bigEndian);
    long low = u16(bigEndian ? index + 2 : index, bigEndian);
    return high << 16 | low;
  }

  boolean matchesAscii(int index, String text) {
    if (size < index + text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (bytes[index + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
