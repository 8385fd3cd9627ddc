package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.blob.PartialBlobs;
import org.sinfonia.core.ingest.IngestGate;
import org.sinfonia.core.ingest.IngestLimits;
import org.sinfonia.core.ingest.IngestSession;
import org.sinfonia.core.ingest.IngestTap;
import org.sinfonia.web.worker.Blocking;

/**
 * The one ingest path every door uses: bytes from any stream go through one pass (blob write +
 * SHA-256 + taps such as the DICOM header parser) into the blob store. Recording the file in the
 * repository comes after, and only once the blob is synced and in place.
 */
public final class Ingest {

  private static final int CHUNK = 256 << 10;

  private final WorkerExecutor workers;
  private final BlobStore blobs;
  private final IngestLimits limits;
  private final Supplier<List<IngestTap>> taps;

  public Ingest(
      WorkerExecutor workers,
      BlobStore blobs,
      IngestLimits limits,
      Supplier<List<IngestTap>> taps) {
    this.workers = workers;
    this.blobs = blobs;
    this.limits = limits;
    this.taps = taps;
  }

  public IngestLimits limits() {
    return limits;
  }

  /** A fresh set of taps for one file. */
  List<IngestTap> newTaps() {
    return taps.get();
  }

  /**
   * The resumable twin of this byte pass, over {@code partials}: the same taps, size limit and sync
   * policy for files that arrive over many requests.
   *
   * @param keepIdle how long an idle blob's running hash is kept in memory (after that it is
   *     rebuilt by re-reading)
   * @param maxRunning how many running hashes a node keeps at most (a few KiB each)
   */
  public ResumableIngest resumable(PartialBlobs partials, Duration keepIdle, long maxRunning) {
    return new ResumableIngest(workers, partials, blobs, taps, limits, keepIdle, maxRunning);
  }

  /**
   * A file's bytes all written into a blob not yet committed (synced and installed), and the taps
   * that saw them.
   */
  public record Written(IngestSession session, List<IngestTap> taps) {

    /** Asks the gate, then syncs and installs the blob. Blocking. */
    public Ingested commit() throws IOException {
      return new Ingested(session.finish(), taps);
    }
  }

  /**
   * The blocking twin of {@link #store(ReadStream, IngestGate)}, for worker threads (jobs, SFTP):
   * reads {@code content} to its end into a new blob on the calling thread; nothing is kept if it
   * fails.
   */
  public Ingested storeBlocking(InputStream content, IngestGate gate) throws IOException {
    Written written = writeBlocking(content, gate);
    try (IngestSession session = written.session()) {
      return written.commit();
    }
  }

  /**
   * Reads {@code content} to its end into a new blob, leaving its commit (the sync, which is what
   * takes time for small files) to the caller, who may run it elsewhere while it reads on. Aborted,
   * nothing kept, if reading fails.
   */
  public Written writeBlocking(InputStream content, IngestGate gate) throws IOException {
    Blocking.requireMayBlock();
    List<IngestTap> watching = newTaps();
    byte[] buffer = new byte[CHUNK];
    IngestSession session = new IngestSession(blobs.create(), limits, watching, gate);
    try {
      for (int n; (n = content.read(buffer)) >= 0; ) {
        if (n > 0) {
          session.write(ByteBuffer.wrap(buffer, 0, n));
        }
      }
      return new Written(session, watching);
    } catch (IOException | RuntimeException e) {
      session.abort();
      throw e;
    }
  }

  /** Streams {@code body} into a new blob; a body that breaks off stores nothing. */
  public Future<Ingested> store(ReadStream<Buffer> body) {
    return store(body, IngestGate.ACCEPT_ALL);
  }

  /**
   * As {@link #store(ReadStream)}, with a gate that may refuse the file once its bytes are seen
   * (nothing kept).
   */
  public Future<Ingested> store(ReadStream<Buffer> body, IngestGate gate) {
    List<IngestTap> watching = newTaps();
    return workers
        .executeBlocking(() -> new IngestSession(blobs.create(), limits, watching, gate), false)
        .compose(
            session -> {
              IngestWriteStream sink = new IngestWriteStream(workers, session);
              return body.pipe()
                  .endOnFailure(false)
                  .to(sink)
                  .transform(
                      ar -> {
                        if (ar.failed()) {
                          sink.abort();
                          return Future.failedFuture(ar.cause());
                        }
                        return sink.stored().map(blob -> new Ingested(blob, watching));
                      });
            });
  }
}
