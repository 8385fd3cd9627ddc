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
import org.sinfonia.core.ingest.PrivacyStage;
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

    Written(IngestSession session, List<IngestTap> taps, PrivacyStage privacy) {
      this(session, withStage(taps, privacy));
    }

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
    return storeBlocking(content, gate, null);
  }

  /** As {@link #storeBlocking(InputStream, IngestGate)}, through a privacy stage (null: none). */
  public Ingested storeBlocking(InputStream content, IngestGate gate, PrivacyStage privacy)
      throws IOException {
    Written written = writeBlocking(content, gate, privacy);
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
    return writeBlocking(content, gate, null);
  }

  /** As {@link #writeBlocking(InputStream, IngestGate)}, through a privacy stage (null: none). */
  public Written writeBlocking(InputStream content, IngestGate gate, PrivacyStage privacy)
      throws IOException {
    Blocking.requireMayBlock();
    List<IngestTap> watching = newTaps();
    byte[] buffer = new byte[CHUNK];
    IngestSession session = new IngestSession(blobs.create(), limits, watching, gate, privacy);
    try {
      for (int n; (n = content.read(buffer)) >= 0; ) {
        if (n > 0) {
          session.write(ByteBuffer.wrap(buffer, 0, n));
        }
      }
      return new Written(session, watching, privacy);
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
    return store(body, gate, null);
  }

  /**
   * As {@link #store(ReadStream, IngestGate)}, through the destination's privacy stage (null:
   * none); the stage is among the taps of the result.
   */
  public Future<Ingested> store(ReadStream<Buffer> body, IngestGate gate, PrivacyStage privacy) {
    List<IngestTap> watching = newTaps();
    List<IngestTap> seen = withStage(watching, privacy);
    return workers
        .executeBlocking(
            () -> new IngestSession(blobs.create(), limits, watching, gate, privacy), false)
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
                        return sink.stored().map(blob -> new Ingested(blob, seen));
                      });
            });
  }

  /** The taps that saw a file, the privacy stage last (it saw the bytes as received). */
  static List<IngestTap> withStage(List<IngestTap> taps, PrivacyStage privacy) {
    if (privacy == null) {
      return taps;
    }
    List<IngestTap> all = new java.util.ArrayList<>(taps);
    all.add(privacy);
    return List.copyOf(all);
  }
}
