package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a Deflated Explicit VR Little Endian data set (raw deflate, no zlib header) chunk by
 * chunk, handing each block of inflated bytes to the parser as it comes out.
 */
final class DeflatedInput {

  /** Receives inflated bytes; the buffer is reused after the call returns. */
  interface Sink {
    void accept(ByteBuffer inflated) throws DicomParseException;
  }

  private static final int BLOCK = 16 * 1024;

  private final Inflater inflater = new Inflater(true);
  private final ByteBuffer block = ByteBuffer.allocate(BLOCK);

  /**
   * Inflates all of {@code in} (the buffer is consumed: bytes after the end of the deflate stream,
   * such as the pad byte that makes the file length even, are dropped).
   */
  void inflate(ByteBuffer in, Sink sink) throws DicomParseException, DataFormatException {
    inflater.setInput(in);
    while (!inflater.finished()) {
      block.clear();
      int n = inflater.inflate(block);
      if (n > 0) {
        block.flip();
        sink.accept(block);
      } else if (inflater.needsInput() || inflater.needsDictionary()) {
        break;
      }
    }
    in.position(in.limit());
  }

  /** True once the deflate stream's final block has been inflated. */
  boolean finished() {
    return inflater.finished();
  }

  void release() {
    inflater.end();
  }
}
