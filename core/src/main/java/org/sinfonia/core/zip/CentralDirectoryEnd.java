package org.sinfonia.core.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * The end-of-central-directory record (and its ZIP64 form), read before Commons Compress parses the
 * central directory so that an archive claiming too many entries is refused before any entry object
 * is allocated, and so that the streaming reader can check that an upload really ended with a
 * central directory.
 *
 * @param entries total entries the central directory claims, or -1 when the ZIP64 record is out of
 *     reach
 * @param zip64 whether the archive carries a ZIP64 end record
 * @param endOffset absolute offset of the end-of-central-directory record
 */
record CentralDirectoryEnd(long entries, boolean zip64, long endOffset) {

  private static final int EOCD_SIG = 0x06054b50;
  private static final int LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int EOCD_LEN = 22;
  private static final int LOCATOR_LEN = 20;
  private static final int ZIP64_EOCD_LEN = 56;
  private static final int MAX_COMMENT = 0xffff;

  /**
   * Bytes at the end of an archive that can hold the end records: comment, EOCD, locator, ZIP64
   * EOCD.
   */
  static final int MAX_TAIL = MAX_COMMENT + EOCD_LEN + LOCATOR_LEN + ZIP64_EOCD_LEN;

  /**
   * Absolute-position reads over some bytes of the archive; fewer bytes than asked means out of
   * reach.
   */
  interface Bytes {
    int read(long position, ByteBuffer into) throws IOException;
  }

  /** Reads the end records of a stored archive. */
  static CentralDirectoryEnd read(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    return locate(
        (position, into) -> {
          int total = 0;
          while (into.hasRemaining()) {
            int n = channel.position(position + total).read(into);
            if (n < 0) {
              break;
            }
            total += n;
          }
          return total;
        },
        size);
  }

  /**
   * Looks for the end records in the last bytes of a stream ({@code tail} holds bytes {@code
   * [start, end)}).
   */
  static CentralDirectoryEnd inTail(byte[] tail, int length, long end) throws IOException {
    long start = end - length;
    return locate(
        (position, into) -> {
          if (position < start || position >= end) {
            return 0;
          }
          int n = (int) Math.min(into.remaining(), end - position);
          into.put(tail, (int) (position - start), n);
          return n;
        },
        end);
  }

  private static CentralDirectoryEnd locate(Bytes bytes, long size) throws IOException {
    if (size < EOCD_LEN) {
      throw refused("it is too short to be a zip archive");
    }
    int window = (int) Math.min(size, MAX_COMMENT + EOCD_LEN);
    ByteBuffer tail = ByteBuffer.allocate(window).order(ByteOrder.LITTLE_ENDIAN);
    long tailStart = size - window;
    bytes.read(tailStart, tail);
    tail.flip();
    for (int at = tail.limit() - EOCD_LEN; at >= 0; at--) {
      if (tail.getInt(at) == EOCD_SIG) {
        return parse(bytes, tail, at, tailStart + at);
      }
    }
    throw refused("no end-of-central-directory record: not a zip archive, or truncated");
  }

  private static CentralDirectoryEnd parse(Bytes bytes, ByteBuffer tail, int at, long eocdOffset)
      throws IOException {
    int disk = Short.toUnsignedInt(tail.getShort(at + 4));
    int cdDisk = Short.toUnsignedInt(tail.getShort(at + 6));
    long entries = Short.toUnsignedInt(tail.getShort(at + 10));
    if ((disk != 0 && disk != 0xffff) || (cdDisk != 0 && cdDisk != 0xffff)) {
      throw new ZipArchiveRefusedException(ZipRefusals.multiDisk());
    }
    if (eocdOffset < LOCATOR_LEN) {
      return new CentralDirectoryEnd(entries, false, eocdOffset);
    }
    ByteBuffer locator = ByteBuffer.allocate(LOCATOR_LEN).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.read(eocdOffset - LOCATOR_LEN, locator) < LOCATOR_LEN
        || locator.getInt(0) != LOCATOR_SIG) {
      return new CentralDirectoryEnd(entries, false, eocdOffset);
    }
    if (locator.getInt(16) > 1) {
      throw new ZipArchiveRefusedException(ZipRefusals.multiDisk());
    }
    // Where the locator points; a self-extracting stub in front shifts offsets, so also try right
    // before it.
    ByteBuffer z64 = zip64Record(bytes, locator.getLong(8), eocdOffset);
    if (z64 == null) {
      z64 = zip64Record(bytes, eocdOffset - LOCATOR_LEN - ZIP64_EOCD_LEN, eocdOffset);
    }
    if (z64 == null) {
      return new CentralDirectoryEnd(
          -1, true, eocdOffset); // a streamed tail may not reach back that far
    }
    long total = z64.getLong(32);
    if (z64.getInt(16) != 0 || z64.getInt(20) != 0) {
      throw new ZipArchiveRefusedException(ZipRefusals.multiDisk());
    }
    return new CentralDirectoryEnd(total < 0 ? Long.MAX_VALUE : total, true, eocdOffset);
  }

  private static ByteBuffer zip64Record(Bytes bytes, long offset, long eocdOffset)
      throws IOException {
    if (offset < 0 || offset > eocdOffset - LOCATOR_LEN - ZIP64_EOCD_LEN) {
      return null;
    }
    ByteBuffer z64 = ByteBuffer.allocate(ZIP64_EOCD_LEN).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.read(offset, z64) < ZIP64_EOCD_LEN || z64.getInt(0) != ZIP64_EOCD_SIG) {
      return null;
    }
    return z64;
  }

  private static ZipArchiveRefusedException refused(String why) {
    return new ZipArchiveRefusedException(ZipRefusals.corrupt("%s", why));
  }
}
