package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.ingest.IngestSession;

/**
 * Bridges a Vert.x byte stream (an HTTP body, a multipart part) into a blocking {@link
 * IngestSession} on a worker pool, with backpressure: chunks are handed to the worker in order, and
 * the stream reports itself full while more than {@code maxQueuedBytes} wait, so the socket is
 * paused instead of memory filling up. Nothing is copied: the worker reads the chunk's own buffer.
 *
 * <p>Use with {@code source.pipe().endOnFailure(false).to(stream)}: a broken source must {@link
 * #abort()}, never {@link #end()}, or a truncated file would be stored.
 */
public final class IngestWriteStream implements WriteStream<Buffer> {

  private final WorkerExecutor workers;
  private final IngestSession session;
  private final Promise<Blob> stored = Promise.promise();
  private long maxQueuedBytes = 4L << 20;
  private long queuedBytes;
  private Throwable failure;

  /**
   * The last blocking step queued for this stream. Steps are chained per stream, not per event-loop
   * context: Vert.x's {@code ordered} execution would serialise every stream of an event loop
   * (every part of every STOW-RS request, every upload) behind one another's writes and final
   * fsync.
   */
  private Future<Void> tail = Future.succeededFuture();

  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean ended;

  public IngestWriteStream(WorkerExecutor workers, IngestSession session) {
    this.workers = workers;
    this.session = session;
  }

  /** Completes with the stored blob after {@link #end()}, or fails with the first error. */
  public Future<Blob> stored() {
    return stored.future();
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (ended) {
      return Future.failedFuture(new IllegalStateException("ingest stream already ended"));
    }
    int n = data.length();
    queuedBytes += n;
    ByteBuffer bytes = ((BufferInternal) data).getByteBuf().nioBuffer();
    Future<Void> written =
        tail.compose(
            v ->
                workers.<Void>executeBlocking(
                    () -> {
                      session.write(bytes);
                      return null;
                    },
                    false));
    tail = written;
    return written.andThen(ar -> onWritten(n, ar.cause()));
  }

  private void onWritten(int n, Throwable error) {
    queuedBytes -= n;
    if (error != null && failure == null) {
      failure = error;
      session.abort();
      stored.tryFail(error);
      if (exceptionHandler != null) {
        exceptionHandler.handle(error);
      }
    }
    if (drainHandler != null && queuedBytes <= maxQueuedBytes / 2) {
      Handler<Void> h = drainHandler;
      drainHandler = null;
      h.handle(null);
    }
  }

  @Override
  public Future<Void> end() {
    if (ended) {
      return stored.future().mapEmpty();
    }
    ended = true;
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    // After every write queued for this stream.
    tail.compose(v -> workers.executeBlocking(session::finish, false))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                stored.tryComplete(ar.result());
              } else {
                session.abort();
                stored.tryFail(ar.cause());
              }
            });
    return stored.future().mapEmpty();
  }

  /** The source broke: discard what was written. Safe to call at any time, also after a failure. */
  public void abort() {
    ended = true;
    tail.transform(
        x ->
            workers.executeBlocking(
                () -> {
                  session.abort();
                  return null;
                },
                false));
    stored.tryFail(failure != null ? failure : new IllegalStateException("upload aborted"));
  }

  @Override
  public IngestWriteStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public IngestWriteStream setWriteQueueMaxSize(int maxSize) {
    this.maxQueuedBytes = maxSize;
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return queuedBytes >= maxQueuedBytes;
  }

  @Override
  public IngestWriteStream drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }
}
