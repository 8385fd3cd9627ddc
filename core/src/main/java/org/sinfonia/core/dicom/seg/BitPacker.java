package org.sinfonia.core.dicom.seg;

import java.io.IOException;
import org.sinfonia.core.dicom.write.DicomPart10Writer;

/**
 * Packs masks 8 pixels to a byte into a streamed Pixel Data value, as PS3.5 8.1.1 encodes Bits
 * Allocated 1: the first pixel in the least significant bit, and frames one after another with no
 * padding between them, so a frame whose pixel count is not a multiple of 8 shares its last byte
 * with the next frame. Holds one 8 KiB chunk and the bits of the byte being filled.
 */
final class BitPacker {

  private static final int CHUNK = 8192;

  private final DicomPart10Writer writer;
  private final byte[] chunk = new byte[CHUNK];
  private int filled;
  private int pending;
  private int pendingBits;

  BitPacker(DicomPart10Writer writer) {
    this.writer = writer;
  }

  /** Total value bytes of {@code frames} frames of {@code pixels} pixels each. */
  static long length(long frames, long pixels) {
    return (frames * pixels + 7) / 8;
  }

  /** Appends a mask: a pixel is set when its byte is not 0. */
  void pack(byte[] mask) throws IOException {
    for (byte pixel : mask) {
      if (pixel != 0) {
        pending |= 1 << pendingBits;
      }
      if (++pendingBits == 8) {
        emit();
      }
    }
  }

  /** Appends {@code pixels} unset pixels. */
  void packEmpty(int pixels) throws IOException {
    for (int i = 0; i < pixels; i++) {
      if (++pendingBits == 8) {
        emit();
      }
    }
  }

  /** Writes the last, partly filled byte (unused bits 0) and whatever the chunk still holds. */
  void finish() throws IOException {
    if (pendingBits > 0) {
      emit();
    }
    flushChunk();
  }

  private void emit() throws IOException {
    chunk[filled++] = (byte) pending;
    pending = 0;
    pendingBits = 0;
    if (filled == CHUNK) {
      flushChunk();
    }
  }

  private void flushChunk() throws IOException {
    if (filled > 0) {
      writer.value(chunk, 0, filled);
      filled = 0;
    }
  }
}
