package org.sinfonia.core.render.codec;

import java.util.Arrays;
import org.sinfonia.core.render.Photometric;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * RLE Lossless (1.2.840.10008.1.2.5, PS3.5 Annex G): a 64-byte header of up to 15 segment offsets,
 * then one PackBits-style segment per byte plane, most significant byte of each sample first, the
 * samples of a pixel in order (so colour is always by plane inside the frame).
 */
final class RleFrameDecoder implements FrameDecoder {

  private static final int HEADER = 64;
  private static final int MAX_SEGMENTS = 15;

  @Override
  public DecodedFrame decode(EncodedFrame frame, PixelDescription description)
      throws RenderException {
    byte[] bytes = frame.bytes();
    if (bytes.length < HEADER) {
      throw failed("a frame of " + bytes.length + " bytes has no RLE header");
    }
    int bytesPerSample = (description.bitsAllocated() + 7) / 8;
    int samplesPerPixel = description.samplesPerPixel();
    int segments = littleEndianInt(bytes, 0);
    int expected = bytesPerSample * samplesPerPixel;
    if (segments != expected || segments > MAX_SEGMENTS) {
      throw failed(segments + " RLE segments where " + expected + " are expected");
    }
    int pixels = description.pixelCount();
    int[] samples = new int[pixels * samplesPerPixel];
    byte[] plane = new byte[pixels];
    for (int segment = 0; segment < segments; segment++) {
      int start = littleEndianInt(bytes, 4 + segment * 4);
      int end = segment + 1 < segments ? littleEndianInt(bytes, 8 + segment * 4) : bytes.length;
      if (start < HEADER || end > bytes.length || end < start) {
        throw failed(
            "RLE segment "
                + (segment + 1)
                + " lies at "
                + start
                + ".."
                + end
                + " of "
                + bytes.length);
      }
      unpack(bytes, start, end, plane);
      int sample = segment / bytesPerSample;
      int shift = 8 * (bytesPerSample - 1 - segment % bytesPerSample);
      for (int p = 0, i = sample; p < pixels; p++, i += samplesPerPixel) {
        samples[i] |= (plane[p] & 0xFF) << shift;
      }
    }
    Photometric photometric = description.photometric();
    // Annex G keeps YBR_FULL as it is; 4:2:2 is not allowed in RLE, whose planes hold every pixel
    return new DecodedFrame(
        description.columns(),
        description.rows(),
        samplesPerPixel,
        samples,
        photometric.isChromaSubsampled() ? Photometric.YBR_FULL : photometric);
  }

  /**
   * PackBits: n >= 0 copies n+1 bytes, -127..-1 repeats the next byte 1-n times, -128 is a no-op.
   */
  private static void unpack(byte[] in, int from, int end, byte[] out) throws RenderException {
    int o = 0;
    int i = from;
    while (o < out.length && i < end) {
      int n = in[i++];
      if (n >= 0) {
        int count = Math.min(n + 1, Math.min(out.length - o, end - i));
        System.arraycopy(in, i, out, o, count);
        i += n + 1;
        o += count;
      } else if (n != -128) {
        if (i >= end) {
          break;
        }
        int count = Math.min(1 - n, out.length - o);
        Arrays.fill(out, o, o + count, in[i++]);
        o += count;
      }
    }
    if (o < out.length) {
      throw failed("an RLE segment ends after " + o + " of " + out.length + " bytes");
    }
  }

  private static int littleEndianInt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF)
        | (bytes[at + 1] & 0xFF) << 8
        | (bytes[at + 2] & 0xFF) << 16
        | bytes[at + 3] << 24;
  }

  private static RenderException failed(String message) {
    return new RenderException(RenderFailure.Code.DECODING_FAILED, message);
  }
}
