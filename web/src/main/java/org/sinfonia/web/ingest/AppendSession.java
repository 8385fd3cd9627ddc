package org.sinfonia.web.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Optional;
import org.sinfonia.core.blob.PartialBlob;
import org.sinfonia.core.upload.UploadChecksum;

/**
 * One PATCH's bytes going onto the end of a partial file: each chunk is written, then fed to the
 * upload's running ingest and, with {@code Upload-Checksum}, to that PATCH's own digest. Written
 * data is synced every {@code syncEvery} bytes so a long PATCH can record durable progress as it
 * goes; the last stretch is synced after the PATCH has answered ({@link #syncAndClose}). Blocking
 * and not thread-safe: one worker task at a time.
 */
final class AppendSession {

  /**
   * What the PATCH left behind. {@code kept} is false when a checksum failed and its bytes were
   * discarded.
   */
  record Outcome(long position, boolean kept) {}

  private final PartialBlob channel;
  private final RunningIngest ingest;
  private final long start;
  private final long limit;
  private final long syncEvery;
  private final Optional<UploadChecksum> checksum;
  private final MessageDigest patchDigest;
  private long syncRequested;

  /**
   * @param limit the position this PATCH may not go past (the upload's length, or the size limit)
   */
  AppendSession(
      PartialBlob channel,
      RunningIngest ingest,
      long limit,
      long syncEvery,
      Optional<UploadChecksum> checksum) {
    this.channel = channel;
    this.ingest = ingest;
    this.start = ingest.position();
    this.limit = limit;
    this.syncEvery = syncEvery;
    this.checksum = checksum;
    this.patchDigest = checksum.map(c -> c.algorithm().newDigest()).orElse(null);
    this.syncRequested = start;
  }

  RunningIngest ingest() {
    return ingest;
  }

  /**
   * Writes the chunks in order. Returns a position to sync up to when another {@code syncEvery}
   * bytes have been written since the last one (the caller syncs it with {@link #sync} on another
   * thread, overlapping the next writes), else -1.
   *
   * @throws ResumableIngest.LimitExceeded after writing what fits, if the chunks go past the limit
   */
  long write(ByteBuffer[] chunks) throws IOException {
    boolean over = false;
    for (ByteBuffer chunk : chunks) {
      long room = limit - ingest.position();
      if (chunk.remaining() > room) {
        chunk.limit(chunk.position() + (int) room);
        over = true;
      }
      ByteBuffer view = chunk.duplicate();
      while (chunk.hasRemaining()) {
        channel.write(chunk);
      }
      if (patchDigest != null) {
        patchDigest.update(view.duplicate());
      }
      ingest.feed(view);
      if (over) {
        break;
      }
    }
    long syncDue = -1;
    if (syncEvery > 0 && ingest.position() - syncRequested >= syncEvery) {
      syncRequested = ingest.position();
      syncDue = syncRequested;
    }
    if (over) {
      throw new ResumableIngest.LimitExceeded(limit);
    }
    return syncDue;
  }

  /**
   * Makes everything written before this call durable; may run while later chunks are being written
   * (a {@link PartialBlob} allows that), which hides most of the sync's cost behind the transfer.
   */
  void sync() throws IOException {
    channel.force();
  }

  /**
   * Ends the PATCH: with a checksum that matches (and a body that arrived whole) or without one,
   * keeps what was written; otherwise cuts the file back to where the PATCH started. Does not sync:
   * the kept bytes are in the file (the kernel's cache outlives this process), and {@link
   * #syncAndClose} makes them durable afterwards, while the client sends its next PATCH.
   */
  Outcome finish(boolean bodyComplete) throws IOException {
    boolean kept = checksum.isEmpty() || (bodyComplete && checksum.get().matches(patchDigest));
    long position = kept ? ingest.position() : start;
    // A write that failed half-way left bytes the ingest never saw: they are not kept either.
    if (channel.size() != position) {
      channel.truncate(position);
    }
    return new Outcome(position, kept);
  }

  /** Makes everything written durable and closes the file. */
  void syncAndClose() throws IOException {
    try (channel) {
      channel.force();
    }
  }

  /** Abandons the PATCH without keeping anything (the session could not even start writing). */
  void close() throws IOException {
    channel.close();
  }
}
