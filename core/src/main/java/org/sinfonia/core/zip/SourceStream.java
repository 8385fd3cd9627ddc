package org.sinfonia.core.zip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The streamed archive as Commons Compress sees it: failures marked as source failures, and the
 * last {@link CentralDirectoryEnd#MAX_TAIL} bytes kept so the end records can be checked once the
 * stream ends.
 */
final class SourceStream extends InputStream {

  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final byte[] ring = new byte[CentralDirectoryEnd.MAX_TAIL];
  private long total;
  private long capStart;
  private long cap = -1;
  private String cappedEntry;

  /**
   * Commons Compress pulls 512 bytes at a time; a buffer keeps that from becoming a system call
   * each.
   */
  SourceStream(InputStream in) {
    this.in = new BufferedInputStream(in, BUFFER);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw new ArchiveSourceException(e);
    }
    if (n > 0) {
      remember(b, off, n);
      if (cap >= 0 && total - capStart > cap) {
        cap = -1;
        throw new ZipArchiveRefusedException(
            ZipRefusals.needsRandomAccess(
                cappedEntry,
                "a stored entry whose length is only in a data descriptor, larger than the stream buffer"));
      }
    }
    return n;
  }

  /**
   * Refuses the archive if more than {@code bytes} are read before {@link #uncap()}: bounds what
   * Commons Compress buffers while it scans a STORED entry for its data descriptor.
   */
  void cap(long bytes, String entryName) {
    capStart = total;
    cap = bytes;
    cappedEntry = entryName;
  }

  void uncap() {
    cap = -1;
  }

  /** Bytes read from the source so far. */
  long total() {
    return total;
  }

  /** The last bytes read, oldest first (at most the ring's size). */
  byte[] tail() {
    int length = (int) Math.min(total, ring.length);
    byte[] out = new byte[length];
    int start = (int) ((total - length) % ring.length);
    int first = Math.min(length, ring.length - start);
    System.arraycopy(ring, start, out, 0, first);
    System.arraycopy(ring, 0, out, first, length - first);
    return out;
  }

  private void remember(byte[] b, int off, int n) {
    int keep = Math.min(n, ring.length); // only the last ring-full of a large read matters
    int from = off + n - keep;
    int at = (int) ((total + n - keep) % ring.length);
    int first = Math.min(keep, ring.length - at);
    System.arraycopy(b, from, ring, at, first);
    System.arraycopy(b, from + first, ring, 0, keep - first);
    total += n;
  }

  /** The caller owns the source; Commons Compress closing its stream must not close it. */
  @Override
  public void close() {}
}
