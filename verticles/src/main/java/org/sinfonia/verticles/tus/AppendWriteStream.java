package org.sinfonia.verticles.tus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Feeds a request body into an {@link AppendSession} on a worker pool, with backpressure. At most one worker
 * task runs per stream, and it takes every chunk that queued up meanwhile in one gathering write, so one
 * upload's chunks stay in order while different uploads write in parallel (Vert.x's ordered blocking tasks
 * would serialise every upload of an event loop behind one queue). The stream reports itself full while more
 * than {@code maxQueuedBytes} wait, which pauses the socket. Chunks are not copied.
 */
final class AppendWriteStream implements WriteStream<Buffer> {

  private final WorkerExecutor workers;
  private final AppendSession session;
  private final LongConsumer onSynced;
  private final List<Buffer> pending = new ArrayList<>();
  private final List<Promise<Void>> pendingWrites = new ArrayList<>();
  private final Promise<Void> drained = Promise.promise();
  // Small enough that many concurrent uploads hold little heap (bodies arrive as heap copies), large
  // enough to batch 16 chunks of 64 KiB into one write.
  private long maxQueuedBytes = 1L << 20;
  private long queuedBytes;
  private boolean writing;
  private boolean ended;
  private Throwable failure;
  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;

  /** @param onSynced told (on the event loop) each time the bytes up to a position are synced to disk */
  AppendWriteStream(WorkerExecutor workers, AppendSession session, LongConsumer onSynced) {
    this.workers = workers;
    this.session = session;
    this.onSynced = onSynced;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    Promise<Void> written = Promise.promise();
    pending.add(data);
    pendingWrites.add(written);
    queuedBytes += data.length();
    writeNext();
    return written.future();
  }

  private void writeNext() {
    if (writing || pending.isEmpty() || failure != null) {
      if (!writing && ended && !drained.future().isComplete()) {
        completeDrain();
      }
      return;
    }
    writing = true;
    List<Buffer> batch = List.copyOf(pending);
    List<Promise<Void>> promises = List.copyOf(pendingWrites);
    pending.clear();
    pendingWrites.clear();
    ByteBuffer[] chunks = batch.stream().map(b -> ((BufferInternal) b).getByteBuf().nioBuffer())
        .toArray(ByteBuffer[]::new);
    long bytes = batch.stream().mapToLong(Buffer::length).sum();
    workers.executeBlocking(() -> session.write(chunks), false).onComplete(ar -> {
      writing = false;
      queuedBytes -= bytes;
      if (ar.failed()) {
        fail(ar.cause());
        promises.forEach(p -> p.tryFail(ar.cause()));
      } else {
        promises.forEach(Promise::tryComplete);
        if (ar.result() >= 0) {
          onSynced.accept(ar.result());
        }
      }
      if (drainHandler != null && queuedBytes <= maxQueuedBytes / 2) {
        Handler<Void> h = drainHandler;
        drainHandler = null;
        h.handle(null);
      }
      writeNext();
    });
  }

  private void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
      pendingWrites.forEach(p -> p.tryFail(cause));
      pending.clear();
      pendingWrites.clear();
      if (exceptionHandler != null) {
        exceptionHandler.handle(cause);
      }
    }
  }

  private void completeDrain() {
    if (failure != null) {
      drained.tryFail(failure);
    } else {
      drained.tryComplete();
    }
  }

  /**
   * Completes once nothing is queued or being written any more, whether the body ended or broke off; fails
   * with the first write error. Call after the pipe has finished either way.
   */
  Future<Void> drained() {
    ended = true;
    writeNext();
    return drained.future();
  }

  @Override
  public Future<Void> end() {
    return drained();
  }

  @Override
  public AppendWriteStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public AppendWriteStream setWriteQueueMaxSize(int maxSize) {
    this.maxQueuedBytes = maxSize;
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return queuedBytes >= maxQueuedBytes;
  }

  @Override
  public AppendWriteStream drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }
}
