package org.sinfonia.web.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.ingest.IngestTap;

/**
 * The one-pass ingest state of an upload's bytes so far (SHA-256 and the taps, such as the DICOM
 * header parser), kept between PATCHes so completion never re-reads the file. A partial upload's
 * bytes only ever become part of a final one, which hashes them then, so its state tracks the
 * position alone. Not thread-safe: used by one PATCH at a time, under the upload's lock.
 */
final class RunningIngest {

  /** Replays read this much at a time: large enough for SHA-256 to run at full speed. */
  private static final int REPLAY_CHUNK = 1 << 20;

  private final MessageDigest sha256;
  private final List<IngestTap> taps;
  private long position;

  private RunningIngest(MessageDigest sha256, List<IngestTap> taps, long position) {
    this.sha256 = sha256;
    this.taps = List.copyOf(taps);
    this.position = position;
  }

  /** State for a file whose bytes will be hashed and tapped from the first one. */
  static RunningIngest hashing(List<IngestTap> taps) {
    try {
      return new RunningIngest(MessageDigest.getInstance("SHA-256"), taps, 0);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** State of a partial upload: nothing to compute, only where it stands. */
  static RunningIngest positionOnly(long position) {
    return new RunningIngest(null, List.of(), position);
  }

  boolean hashes() {
    return sha256 != null;
  }

  /** Shows the chunk to the taps and the digest without consuming it. */
  void feed(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (sha256 != null) {
      for (IngestTap tap : taps) {
        tap.accept(chunk.asReadOnlyBuffer());
      }
      sha256.update(chunk.duplicate());
    }
    position += n;
  }

  long position() {
    return position;
  }

  List<IngestTap> taps() {
    return taps;
  }

  /** The last byte has been fed: ends the taps and returns the content address. */
  String finish() {
    if (sha256 == null) {
      throw new IllegalStateException("a partial upload has no content address of its own");
    }
    taps.forEach(IngestTap::end);
    return HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * Rebuilds the state of the first {@code length} bytes of {@code source} (after a restart, or
   * when another node took the upload over): the only re-reading of upload bytes there is.
   */
  static RunningIngest replay(BlobSource source, long length, RunningIngest into)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(REPLAY_CHUNK);
    try (SeekableByteChannel channel = source.open()) {
      long at = 0;
      while (at < length) {
        buffer.clear().limit((int) Math.min(REPLAY_CHUNK, length - at));
        int n = channel.read(buffer);
        if (n < 0) {
          throw new IOException(source + " ends at " + at + ", before " + length);
        }
        buffer.flip();
        into.feed(buffer);
        at += n;
      }
    }
    return into;
  }
}
