package org.sinfonia.core.render.codec;

import java.nio.ByteOrder;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * Uncompressed pixel data in either byte order: 1, 8, 16 and 32 bits allocated, colour by pixel or
 * by plane (Planar Configuration), and 4:2:2 YBR (Y Y Cb Cr per pixel pair) widened to three
 * samples per pixel.
 */
final class NativeFrameDecoder implements FrameDecoder {

  private final boolean bigEndian;

  NativeFrameDecoder(ByteOrder order) {
    this.bigEndian = order == ByteOrder.BIG_ENDIAN;
  }

  @Override
  public DecodedFrame decode(EncodedFrame frame, PixelDescription description)
      throws RenderException {
    long needed = (frame.bitOffset() + description.frameBits() + 7) / 8;
    if (frame.bytes().length < needed) {
      throw new RenderException(
          RenderFailure.Code.TRUNCATED_PIXEL_DATA,
          "a native frame needs " + needed + " bytes, got " + frame.bytes().length);
    }
    int[] stored = containerValues(frame, description);
    int[] samples;
    if (description.photometric().isChromaSubsampled()) {
      samples = widenChroma(stored, description.pixelCount());
    } else if (description.planar() && description.samplesPerPixel() > 1) {
      samples = interleave(stored, description.pixelCount(), description.samplesPerPixel());
    } else {
      samples = stored;
    }
    return new DecodedFrame(
        description.columns(),
        description.rows(),
        description.samplesPerPixel(),
        samples,
        description.photometric());
  }

  private int[] containerValues(EncodedFrame frame, PixelDescription description) {
    byte[] bytes = frame.bytes();
    int count = (int) description.storedSamplesPerFrame();
    int[] values = new int[count];
    switch (description.bitsAllocated()) {
      case 1 -> {
        for (int i = 0; i < count; i++) {
          int bit = frame.bitOffset() + i;
          values[i] =
              bytes[bit >>> 3] >> (bit & 7) & 1; // the first pixel is the least significant bit
        }
      }
      case 8 -> {
        for (int i = 0; i < count; i++) {
          values[i] = bytes[i] & 0xFF;
        }
      }
      case 16 -> {
        int high = bigEndian ? 0 : 1;
        for (int i = 0, b = 0; i < count; i++, b += 2) {
          values[i] = (bytes[b + high] & 0xFF) << 8 | bytes[b + 1 - high] & 0xFF;
        }
      }
      default -> {
        for (int i = 0, b = 0; i < count; i++, b += 4) {
          int first = bytes[bigEndian ? b : b + 3];
          int second = bytes[bigEndian ? b + 1 : b + 2] & 0xFF;
          int third = bytes[bigEndian ? b + 2 : b + 1] & 0xFF;
          int fourth = bytes[bigEndian ? b + 3 : b] & 0xFF;
          values[i] = first << 24 | second << 16 | third << 8 | fourth;
        }
      }
    }
    return values;
  }

  /** R R R ... G G G ... B B B ... to R G B R G B ... */
  private static int[] interleave(int[] planes, int pixels, int samplesPerPixel) {
    int[] interleaved = new int[planes.length];
    for (int s = 0; s < samplesPerPixel; s++) {
      for (int p = 0, from = s * pixels; p < pixels; p++) {
        interleaved[p * samplesPerPixel + s] = planes[from + p];
      }
    }
    return interleaved;
  }

  /**
   * Y0 Y1 Cb Cr (one pair of pixels) to Y0 Cb Cr Y1 Cb Cr; an odd last pixel keeps its pair's
   * chroma.
   */
  private static int[] widenChroma(int[] pairs, int pixels) {
    int[] samples = new int[pixels * 3];
    for (int p = 0; p < pixels; p++) {
      int pair = (p >> 1) * 4;
      samples[p * 3] = pairs[pair + (p & 1)];
      samples[p * 3 + 1] = pairs[pair + 2];
      samples[p * 3 + 2] = pairs[pair + 3];
    }
    return samples;
  }
}
