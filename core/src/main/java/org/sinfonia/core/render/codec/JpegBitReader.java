package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * Reads the entropy-coded bits of a JPEG scan, most significant first: drops the 00 stuffed after
 * each FF data byte, stops at the first marker (feeding zeros past it, as T.81 F.2.2.5 allows) and
 * steps over restart markers when asked.
 */
final class JpegBitReader {

  private final byte[] data;
  private final int end;
  private int position;
  private long buffer;
  private int bits;
  private boolean atMarker;

  JpegBitReader(byte[] data, int start, int end) {
    this.data = data;
    this.position = start;
    this.end = end;
  }

  /** The next {@code n} (1..16) bits without consuming them. */
  int peek(int n) {
    if (bits < n) {
      fill();
    }
    return (int) (buffer >>> (bits - n)) & ((1 << n) - 1);
  }

  void skip(int n) {
    bits -= n;
  }

  int read(int n) {
    int value = peek(n);
    bits -= n;
    return value;
  }

  /** Drops the bits left in the current byte and the RSTn marker that must follow. */
  void restart() throws RenderException {
    bits = 0;
    buffer = 0;
    atMarker = false;
    while (position + 1 < end
        && (data[position] & 0xFF) == 0xFF
        && (data[position + 1] & 0xFF) == 0xFF) {
      position++; // fill bytes before a marker
    }
    if (position + 1 >= end
        || (data[position] & 0xFF) != 0xFF
        || (data[position + 1] & 0xF8) != 0xD0) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "JPEG restart marker missing at " + position);
    }
    position += 2;
  }

  /** Where the marker that ended the scan starts (or the end of the data). */
  int markerPosition() {
    int at = position;
    while (at + 1 < end
        && !((data[at] & 0xFF) == 0xFF
            && data[at + 1] != 0
            && (data[at + 1] & 0xFF) != 0xFF
            && (data[at + 1] & 0xF8) != 0xD0)) {
      at++;
    }
    return at + 1 < end ? at : end;
  }

  private void fill() {
    while (bits <= 56) {
      int next = 0;
      if (!atMarker && position < end) {
        next = data[position] & 0xFF;
        if (next != 0xFF) {
          position++;
        } else if (position + 1 < end && data[position + 1] == 0) {
          position += 2;
        } else {
          atMarker = true;
          next = 0;
        }
      }
      buffer = buffer << 8 | next;
      bits += 8;
    }
  }
}
