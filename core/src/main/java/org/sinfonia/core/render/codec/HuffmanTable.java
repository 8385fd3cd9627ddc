package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * A JPEG Huffman table (T.81 Annex C) built from a DHT segment's 16 code counts and values, decoded
 * through a 9-bit lookup for the short codes and the per-length maximum codes (F.2.2.3) for the
 * rest.
 */
final class HuffmanTable {

  private static final int LOOKUP_BITS = 9;

  private final int[] lookup = new int[1 << LOOKUP_BITS];
  private final int[] maxCode = new int[18];
  private final int[] valueOffset = new int[17];
  private final int[] values;

  /**
   * Reads one table of a DHT segment: {@code at} is its class/slot byte, then 16 code counts and
   * the values. The table takes {@link #encodedLength} bytes of the segment.
   */
  static HuffmanTable read(byte[] data, int at, int end) throws RenderException {
    JpegSegments.checkPayload("DHT", 17, end - at);
    int[] counts = new int[16];
    int total = 0;
    for (int i = 0; i < 16; i++) {
      counts[i] = data[at + 1 + i] & 0xFF;
      total += counts[i];
    }
    JpegSegments.checkPayload("DHT", 17 + total, end - at);
    int[] values = new int[total];
    for (int i = 0; i < total; i++) {
      values[i] = data[at + 17 + i] & 0xFF;
    }
    return new HuffmanTable(counts, values);
  }

  /** Bytes this table took in its DHT segment, class/slot byte included. */
  int encodedLength() {
    return 17 + values.length;
  }

  /**
   * @param counts counts[l-1] codes of length l, for l = 1..16
   */
  HuffmanTable(int[] counts, int[] values) throws RenderException {
    this.values = values;
    int code = 0;
    int k = 0;
    for (int length = 1; length <= 16; length++) {
      valueOffset[length] = k - code;
      for (int i = 0; i < counts[length - 1]; i++, k++, code++) {
        if (k >= values.length || code >= 1 << length) {
          throw new RenderException(
              RenderFailure.Code.DECODING_FAILED,
              "Huffman table with more codes than its values or its code lengths allow");
        }
        if (length <= LOOKUP_BITS) {
          int shift = LOOKUP_BITS - length;
          for (int fill = 0; fill < 1 << shift; fill++) {
            lookup[code << shift | fill] = length << 16 | values[k];
          }
        }
      }
      maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  /**
   * A difference: a Huffman-coded category, then that many extra bits, extended to a signed value
   * (T.81 F.2.2.1); category 16 is 32768 with no extra bits (H.1.2.2). Code and extra bits are
   * usually taken from one 16-bit window, with one skip.
   */
  int decodeDifference(JpegBitReader bits) throws RenderException {
    int window = bits.peek(16);
    int entry = lookup[window >>> (16 - LOOKUP_BITS)];
    int length;
    int category;
    if (entry != 0) {
      length = entry >>> 16;
      category = entry & 0xFFFF;
    } else {
      length = longCodeLength(window);
      category = values[valueOffset[length] + (window >>> (16 - length))];
    }
    if (category == 0 || category == 16) {
      bits.skip(length);
      return category == 0 ? 0 : 32768;
    }
    if (category > 16) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "difference category " + category);
    }
    int extra;
    if (length + category <= 16) {
      extra = window >>> (16 - length - category) & (1 << category) - 1;
      bits.skip(length + category);
    } else {
      bits.skip(length);
      extra = bits.read(category);
    }
    return extra < 1 << (category - 1) ? extra - (1 << category) + 1 : extra;
  }

  /** The length of a code longer than the lookup's bits, at the top of a 16-bit window. */
  private int longCodeLength(int window) throws RenderException {
    for (int length = LOOKUP_BITS + 1; length <= 16; length++) {
      if (window >>> (16 - length) <= maxCode[length]) {
        return length;
      }
    }
    throw new RenderException(
        RenderFailure.Code.DECODING_FAILED, "no Huffman code matches the data");
  }

  /** The next value (a difference category) coded in {@code bits}. */
  int decode(JpegBitReader bits) throws RenderException {
    int entry = lookup[bits.peek(LOOKUP_BITS)];
    if (entry != 0) {
      bits.skip(entry >>> 16);
      return entry & 0xFFFF;
    }
    int window = bits.peek(16);
    int length = longCodeLength(window);
    bits.skip(length);
    return values[valueOffset[length] + (window >>> (16 - length))];
  }
}
