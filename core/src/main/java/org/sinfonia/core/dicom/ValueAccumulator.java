package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects one value's bytes as they arrive. Memory follows the bytes actually received, never the
 * declared length alone, so a lying length field cannot make the parser allocate.
 */
final class ValueAccumulator {

  private static final byte[] EMPTY = new byte[0];
  private static final int MIN_GROWTH = 256;

  private byte[] bytes = EMPTY;
  private int size;
  private int expected;

  void start(int expectedLength) {
    bytes = EMPTY;
    size = 0;
    expected = expectedLength;
  }

  void append(ByteBuffer in, int n) {
    int needed = size + n;
    if (needed > bytes.length) {
      // double, but never past the declared length: needed <= expected <= the bulk data threshold
      int capacity = Math.max(needed, Math.min(expected, Math.max(MIN_GROWTH, bytes.length * 2)));
      bytes = Arrays.copyOf(bytes, capacity);
    }
    in.get(bytes, size, n);
    size += n;
  }

  int size() {
    return size;
  }

  /** The collected value; the accumulator forgets it. */
  byte[] take() {
    byte[] value = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    bytes = EMPTY;
    size = 0;
    return value;
  }
}
