package org.sinfonia.web.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Feeds a request body into an {@link AppendSession} on a worker pool, with backpressure. Chunks go
 * into a queue that one worker task at a time drains for as long as there is something in it, so
 * the worker never waits for the event loop between chunks, one upload's chunks stay in order, and
 * different uploads write in parallel (Vert.x's ordered blocking tasks would serialise every upload
 * of an event loop behind one queue). Periodic syncs run on another worker at the same time as the
 * next writes. The stream reports itself full while more than {@code maxQueuedBytes} wait, which
 * pauses the socket. Chunks are not copied.
 */
final class AppendWriteStream implements WriteStream<Buffer> {

  /**
   * Chunks per gathering write: enough to amortise the call, few enough to report progress often.
   */
  private static final int MAX_BATCH = 16;

  private final WorkerExecutor workers;
  private final AppendSession session;
  private final LongConsumer onSynced;
  private final Context context;
  private final Queue<Buffer> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Promise<Void> drained = Promise.promise();
  // Small enough that many concurrent uploads hold little heap (bodies arrive as heap copies),
  // large
  // enough to keep the worker busy while the event loop reads the next chunks.
  private long maxQueuedBytes = 1L << 20;
  private Future<Void> syncing = Future.succeededFuture();
  private volatile Throwable failure;
  private boolean ended;
  private Handler<Void> drainHandler;
  private Handler<Throwable> exceptionHandler;

  /**
   * Created on the event loop that reads the body.
   *
   * @param onSynced told (on that event loop) each time the bytes up to a position are synced to
   *     disk
   */
  AppendWriteStream(WorkerExecutor workers, AppendSession session, LongConsumer onSynced) {
    this.workers = workers;
    this.session = session;
    this.onSynced = onSynced;
    this.context =
        Objects.requireNonNull(Vertx.currentContext(), "create the stream on a Vert.x context");
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    queuedBytes.addAndGet(data.length());
    queue.add(data);
    startDraining();
    return Future.succeededFuture();
  }

  private void startDraining() {
    if (failure == null && !queue.isEmpty() && draining.compareAndSet(false, true)) {
      workers
          .<Void>executeBlocking(this::drainQueue, false)
          .onComplete(
              ar -> {
                draining.set(false);
                if (ar.failed()) {
                  fail(ar.cause());
                }
                startDraining(); // chunks that arrived after the worker saw the queue empty
                if (ended) {
                  finishIfIdle();
                }
              });
    }
  }

  /**
   * Worker side: writes until the queue is empty, handing progress back to the event loop as it
   * goes.
   */
  private Void drainQueue() throws Exception {
    List<Buffer> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      batch.clear();
      for (Buffer b; batch.size() < MAX_BATCH && (b = queue.poll()) != null; ) {
        batch.add(b);
      }
      if (batch.isEmpty()) {
        return null;
      }
      ByteBuffer[] chunks = new ByteBuffer[batch.size()];
      long bytes = 0;
      for (int i = 0; i < chunks.length; i++) {
        chunks[i] = ((BufferInternal) batch.get(i)).getByteBuf().nioBuffer();
        bytes += chunks[i].remaining();
      }
      long syncDue = session.write(chunks);
      long left = queuedBytes.addAndGet(-bytes);
      if (syncDue >= 0) {
        context.runOnContext(v -> syncInBackground(syncDue));
      }
      if (left <= maxQueuedBytes / 2 && left + bytes > maxQueuedBytes / 2) {
        context.runOnContext(v -> signalDrain());
      }
    }
  }

  private void signalDrain() {
    if (drainHandler != null && queuedBytes.get() <= maxQueuedBytes / 2) {
      Handler<Void> h = drainHandler;
      drainHandler = null;
      h.handle(null);
    }
  }

  /**
   * Syncs up to a position on another worker while the next chunks are written; one sync at a time.
   */
  private void syncInBackground(long position) {
    if (!syncing.isComplete()) {
      return;
    }
    syncing =
        workers
            .<Void>executeBlocking(
                () -> {
                  session.sync();
                  return null;
                },
                false)
            .onSuccess(v -> onSynced.accept(position))
            .recover(
                e -> {
                  fail(e);
                  return Future.succeededFuture();
                });
  }

  private void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
      queue.clear();
      if (exceptionHandler != null) {
        exceptionHandler.handle(cause);
      }
    }
  }

  private void finishIfIdle() {
    if (!draining.get() && (queue.isEmpty() || failure != null)) {
      syncing.onComplete(
          v -> {
            if (failure != null) {
              drained.tryFail(failure);
            } else {
              drained.tryComplete();
            }
          });
    }
  }

  /**
   * Completes once nothing is queued, being written or being synced any more, whether the body
   * ended or broke off; fails with the first write error. Call after the pipe has finished either
   * way.
   */
  Future<Void> drained() {
    ended = true;
    finishIfIdle();
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
    return queuedBytes.get() >= maxQueuedBytes;
  }

  @Override
  public AppendWriteStream drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    // The worker may have emptied the queue before the handler was set: it must not wait for a
    // crossing.
    if (queuedBytes.get() <= maxQueuedBytes / 2) {
      context.runOnContext(v -> signalDrain());
    }
    return this;
  }
}
