package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.function.Supplier;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.ingest.IngestGate;
import org.sinfonia.core.ingest.IngestLimits;
import org.sinfonia.core.ingest.IngestSession;
import org.sinfonia.core.ingest.IngestTap;

/**
 * The one ingest path every door uses: bytes from any stream go through one pass (blob write + SHA-256 +
 * taps such as the DICOM header parser) into the blob store. Recording the file in the repository comes
 * after, and only once the blob is synced and in place.
 */
public final class Ingest {

  private final WorkerExecutor workers;
  private final BlobStore blobs;
  private final IngestLimits limits;
  private final Supplier<List<IngestTap>> taps;

  public Ingest(WorkerExecutor workers, BlobStore blobs, IngestLimits limits, Supplier<List<IngestTap>> taps) {
    this.workers = workers;
    this.blobs = blobs;
    this.limits = limits;
    this.taps = taps;
  }

  public IngestLimits limits() {
    return limits;
  }

  /** A fresh set of taps for one file (for doors that drive an {@link IngestSession} themselves, such as tus). */
  public List<IngestTap> newTaps() {
    return taps.get();
  }

  /** Streams {@code body} into a new blob; a body that breaks off stores nothing. */
  public Future<Ingested> store(ReadStream<Buffer> body) {
    return store(body, IngestGate.ACCEPT_ALL);
  }

  /** As {@link #store(ReadStream)}, with a gate that may refuse the file once its bytes are seen (nothing kept). */
  public Future<Ingested> store(ReadStream<Buffer> body, IngestGate gate) {
    List<IngestTap> watching = newTaps();
    return workers.executeBlocking(() -> new IngestSession(blobs.create(), limits, watching, gate), false)
        .compose(session -> {
          IngestWriteStream sink = new IngestWriteStream(workers, session);
          return body.pipe().endOnFailure(false).to(sink)
              .transform(ar -> {
                if (ar.failed()) {
                  sink.abort();
                  return Future.failedFuture(ar.cause());
                }
                return sink.stored().map(blob -> new Ingested(blob, watching));
              });
        });
  }
}
