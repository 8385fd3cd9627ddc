package org.sinfonia.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming protobuf wire-format reader: tags, varints, length limits for nested
 * messages, and skipping of fields the caller does not need (so large tensors are skipped, never
 * buffered). Any inconsistency throws {@link OnnxFormatException}.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private final InputStream in;
  private final byte[] skipBuffer = new byte[8192];
  private long pos;
  private long limit;

  ProtoReader(InputStream in, long length) {
    this.in = in;
    this.limit = length;
  }

  long position() {
    return pos;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  /** The next tag ({@code field << 3 | wireType}); only call when {@link #atEnd()} is false. */
  int readTag() throws IOException {
    long tag = readVarint();
    int field = (int) (tag >>> 3);
    int wire = (int) (tag & 7);
    if (tag > Integer.MAX_VALUE || field == 0) {
      throw new OnnxFormatException("invalid field tag " + tag + " at byte " + pos);
    }
    if (wire != VARINT && wire != FIXED64 && wire != LEN && wire != FIXED32) {
      throw new OnnxFormatException("unsupported wire type " + wire + " at byte " + pos);
    }
    return (int) tag;
  }

  long readVarint() throws IOException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new OnnxFormatException("malformed varint at byte " + pos);
  }

  /** Enters a length-delimited field; returns the previous limit for {@link #popLimit}. */
  long pushLimit() throws IOException {
    long len = readVarint();
    if (len < 0 || len > limit - pos) {
      throw new OnnxFormatException(
          "field length " + len + " runs past its message at byte " + pos);
    }
    long old = limit;
    limit = pos + len;
    return old;
  }

  /** Skips what is left of the current nested message and restores the outer limit. */
  void popLimit(long old) throws IOException {
    skipBytes(limit - pos);
    limit = old;
  }

  String readString(int max) throws IOException {
    long len = readVarint();
    if (len < 0 || len > limit - pos) {
      throw new OnnxFormatException(
          "string length " + len + " runs past its message at byte " + pos);
    }
    if (len > max) {
      throw new OnnxFormatException("string of " + len + " bytes is longer than " + max);
    }
    byte[] b = new byte[(int) len];
    readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  void skipField(int tag) throws IOException {
    switch (tag & 7) {
      case VARINT -> readVarint();
      case FIXED64 -> skipBytes(8);
      case FIXED32 -> skipBytes(4);
      case LEN -> {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
          throw new OnnxFormatException(
              "field length " + len + " runs past its message at byte " + pos);
        }
        skipBytes(len);
      }
      default -> throw new OnnxFormatException("unsupported wire type at byte " + pos);
    }
  }

  private int readByte() throws IOException {
    if (pos >= limit) {
      throw new OnnxFormatException("message truncated at byte " + pos);
    }
    int b = in.read();
    if (b < 0) {
      throw new OnnxFormatException("file truncated at byte " + pos);
    }
    pos++;
    return b;
  }

  private void readFully(byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int n = in.read(b, off, b.length - off);
      if (n < 0) {
        throw new OnnxFormatException("file truncated at byte " + (pos + off));
      }
      off += n;
    }
    pos += b.length;
  }

  private void skipBytes(long n) throws IOException {
    if (n > limit - pos) {
      throw new OnnxFormatException("field runs past its message at byte " + pos);
    }
    long left = n;
    while (left > 0) {
      int r = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
      if (r < 0) {
        throw new OnnxFormatException("file truncated at byte " + (pos + n - left));
      }
      left -= r;
    }
    pos += n;
  }
}
