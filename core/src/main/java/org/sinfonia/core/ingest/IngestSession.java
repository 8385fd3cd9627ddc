package org.sinfonia.core.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
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
  private long sinceSync;
  private boolean finished;

  public IngestSession(BlobWriter blob, IngestLimits limits, List<IngestTap> taps) {
    this(blob, limits, taps, IngestGate.ACCEPT_ALL);
  }

  public IngestSession(
      BlobWriter blob, IngestLimits limits, List<IngestTap> taps, IngestGate gate) {
    this.blob = blob;
    this.limits = limits;
    this.taps = List.copyOf(taps);
    this.gate = gate;
  }

  public void write(ByteBuffer chunk) throws IOException {
    int n = chunk.remaining();
    if (blob.size() + n > limits.maxFileBytes()) {
      abort();
      throw ApiError.tooLarge(
          "FILE_TOO_LARGE", "files are limited to %d bytes", limits.maxFileBytes());
    }
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
    taps.forEach(IngestTap::end);
    try {
      gate.check(taps);
    } catch (RuntimeException refused) {
      blob.abort();
      throw refused;
    }
    return blob.commit();
  }

  public void abort() {
    finished = true;
    blob.abort();
  }

  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }
}
