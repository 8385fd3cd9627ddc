package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * Reads the bits of a JPEG-LS scan (T.87 A.1): after an FF byte the next byte carries only seven
 * bits (its top bit is a stuffed 0), and a byte of 80 or more after FF is a marker, where the data
 * ends (zeros are fed past it).
 */
final class JpegLsBitReader {

  private final byte[] data;
  private final int end;
  private int position;
  private long buffer;
  private int bits;
  private boolean afterFf;
  private boolean atMarker;

  JpegLsBitReader(byte[] data, int start) {
    this.data = data;
    this.position = start;
    this.end = data.length;
  }

  int read(int n) {
    if (n == 0) {
      return 0;
    }
    if (bits < n) {
      fill();
    }
    bits -= n;
    return (int) (buffer >>> bits) & (int) ((1L << n) - 1);
  }

  boolean readBit() {
    return read(1) != 0;
  }

  /** Counts 0 bits up to the next 1 bit and consumes them all (the unary part of a Golomb code). */
  int readUnary() throws RenderException {
    int zeros = 0;
    while (true) {
      if (bits < 16) {
        fill();
      }
      int window = (int) (buffer >>> (bits - 16)) & 0xFFFF;
      if (window != 0) {
        int leading = Integer.numberOfLeadingZeros(window) - 16;
        bits -= leading + 1;
        return zeros + leading;
      }
      bits -= 16;
      zeros += 16;
      if (zeros > 65536) {
        throw new RenderException(
            RenderFailure.Code.DECODING_FAILED, "JPEG-LS: runaway unary code");
      }
    }
  }

  /** The position just after the scan's last data byte: where the next marker starts. */
  int markerPosition() {
    int at = Math.min(position, end);
    while (at + 1 < end && !((data[at] & 0xFF) == 0xFF && (data[at + 1] & 0xFF) >= 0x80)) {
      at++;
    }
    return at + 1 < end ? at : end;
  }

  private void fill() {
    while (bits <= 56) {
      if (atMarker || position >= end) {
        buffer <<= 8;
        bits += 8;
        continue;
      }
      int next = data[position] & 0xFF;
      if (next == 0xFF && position + 1 < end && (data[position + 1] & 0xFF) >= 0x80) {
        atMarker = true; // left unread, so that markerPosition() finds it
        continue;
      }
      if (afterFf) {
        buffer = buffer << 7 | next; // the top bit after FF is a stuffed 0
        bits += 7;
      } else {
        buffer = buffer << 8 | next;
        bits += 8;
      }
      afterFf = next == 0xFF;
      position++;
    }
  }
}
