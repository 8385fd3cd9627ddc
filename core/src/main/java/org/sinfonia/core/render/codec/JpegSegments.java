package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/** Walks the marker segments of a JPEG codestream (T.81 B.1.1): markers, lengths, positions. */
final class JpegSegments {

  private final byte[] data;
  private int position;

  JpegSegments(byte[] data) {
    this.data = data;
  }

  /**
   * The next marker's code (the byte after FF, fill bytes skipped), or -1 at the end of the data.
   */
  int nextMarker() {
    while (position < data.length && (data[position] & 0xFF) != 0xFF) {
      position++; // tolerate padding between segments
    }
    while (position < data.length && (data[position] & 0xFF) == 0xFF) {
      position++;
    }
    if (position >= data.length) {
      return -1;
    }
    return data[position++] & 0xFF;
  }

  /**
   * The length of the segment whose marker was just read (including the two length bytes), then
   * past them.
   */
  int segmentLength() throws RenderException {
    if (position + 2 > data.length) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "JPEG data ends inside a segment header");
    }
    int length = uint16(data, position);
    position += 2;
    if (length < 2 || position + length - 2 > data.length) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          "JPEG segment of " + length + " bytes at " + position + " in " + data.length);
    }
    return length;
  }

  int position() {
    return position;
  }

  void seek(int newPosition) {
    position = newPosition;
  }

  /**
   * The first frame header (SOF0..SOF15): precision, lines, samples per line, components; null if
   * there is none.
   */
  static int[] frameHeader(byte[] data) {
    JpegSegments segments = new JpegSegments(data);
    try {
      for (int marker = segments.nextMarker();
          marker >= 0 && marker != 0xD9;
          marker = segments.nextMarker()) {
        if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7) {
          continue; // markers without a segment
        }
        int length = segments.segmentLength();
        boolean frameHeader =
            marker >= 0xC0
                && marker <= 0xCF
                && marker != 0xC4
                && marker != 0xC8
                && marker != 0xCC; // DHT, JPG and DAC share the range
        if (frameHeader && length >= 8) {
          int at = segments.position();
          return new int[] {
            data[at] & 0xFF, uint16(data, at + 1), uint16(data, at + 3), data[at + 5] & 0xFF
          };
        }
        segments.seek(segments.position() + length - 2);
      }
    } catch (RenderException malformed) {
      return null;
    }
    return null;
  }

  /**
   * Fails unless a segment's payload of {@code available} bytes holds the {@code needed} its fields
   * say.
   */
  static void checkPayload(String segment, int needed, int available) throws RenderException {
    if (needed > available) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          "JPEG "
              + segment
              + " segment of "
              + available
              + " bytes where "
              + needed
              + " are needed");
    }
  }

  static int uint16(byte[] data, int at) {
    return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
  }
}
