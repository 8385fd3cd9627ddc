package org.sinfonia.core.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.blob.BlobWriter;
import org.sinfonia.core.error.ApiError;

/**
 * One pass over the bytes of one incoming file: each chunk is written to the blob store (which
 * hashes it) and shown to the taps, then dropped. Blocking; runs on a worker thread, one chunk at a
 * time and in order.
 */
public final class IngestSession implements AutoCloseable {

  private final BlobWriter blob;
  private final IngestLimits limits;
  private final List<IngestTap> taps;
  private final IngestGate gate;
  private final PrivacyStage privacy;
  private final OutputStream stored = new StoredBytes();
  private long received;
  private long sinceSync;
  private boolean finished;

  public IngestSession(BlobWriter blob, IngestLimits limits, List<IngestTap> taps) {
    this(blob, limits, taps, IngestGate.ACCEPT_ALL);
  }

  public IngestSession(
      BlobWriter blob, IngestLimits limits, List<IngestTap> taps, IngestGate gate) {
    this(blob, limits, taps, gate, null);
  }

  /**
   * With the destination's privacy stage (null: none, under {@code accept}). The stage sees the
   * received bytes; the taps see what is stored, which under {@code deidentify} is the stage's
   * rewrite.
   */
  public IngestSession(
      BlobWriter blob,
      IngestLimits limits,
      List<IngestTap> taps,
      IngestGate gate,
      PrivacyStage privacy) {
    this.blob = blob;
    this.limits = limits;
    this.taps = List.copyOf(taps);
    this.gate = gate;
    this.privacy = privacy;
  }

  public void write(ByteBuffer chunk) throws IOException {
    int n = chunk.remaining();
    if (received + n > limits.maxFileBytes()) {
      abort();
      throw ApiError.tooLarge(
          "FILE_TOO_LARGE", "files are limited to %d bytes", limits.maxFileBytes());
    }
    received += n;
    if (privacy == null) {
      store(chunk);
      return;
    }
    privacy.accept(chunk.asReadOnlyBuffer());
    if (privacy.rewrites()) {
      privacy.rewrite(chunk, stored);
    } else {
      store(chunk);
    }
  }

  /** Bytes to keep: shown to the taps, written to the blob, synced now and then. */
  private void store(ByteBuffer chunk) throws IOException {
    int n = chunk.remaining();
    for (IngestTap tap : taps) {
      tap.accept(chunk.asReadOnlyBuffer());
    }
    blob.write(chunk);
    sinceSync += n;
    if (limits.syncEveryBytes() > 0 && sinceSync >= limits.syncEveryBytes()) {
      blob.syncSoFar();
      sinceSync = 0;
    }
  }

  public long size() {
    return blob.size();
  }

  /**
   * Ends the taps, asks the gate, then syncs and installs the blob (or discards it if the gate
   * refuses).
   */
  public Blob finish() throws IOException {
    finished = true;
    if (privacy != null && privacy.rewrites()) {
      try {
        privacy.endRewrite(stored);
      } catch (IOException | RuntimeException e) {
        blob.abort();
        throw e;
      }
    }
    taps.forEach(IngestTap::end);
    try {
      if (privacy != null) {
        privacy.end();
        privacy.check();
      }
      gate.check(gateSees());
    } catch (RuntimeException refused) {
      blob.abort();
      throw refused;
    }
    return blob.commit();
  }

  /** The taps the gate is shown: those of the stored bytes, then the privacy stage (if any). */
  private List<IngestTap> gateSees() {
    if (privacy == null) {
      return taps;
    }
    List<IngestTap> all = new ArrayList<>(taps);
    all.add(privacy);
    return all;
  }

  public void abort() {
    finished = true;
    blob.abort();
  }

  /** The rewriter's output: what is stored under {@code deidentify}. */
  private final class StoredBytes extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      store(ByteBuffer.wrap(new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > 0) {
        store(ByteBuffer.wrap(b, off, len));
      }
    }
  }

  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }
}
