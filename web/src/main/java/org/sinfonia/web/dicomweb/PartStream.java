package org.sinfonia.web.dicomweb;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * The body of one multipart part as a Vert.x {@link ReadStream}, fed by the parser with slices of
 * the request's buffers. While its reader is paused (the ingest worker is behind), chunks queue
 * here and {@code flow} is told, so the request itself is paused: at most the chunk in hand waits,
 * never the part.
 */
final class PartStream implements ReadStream<Buffer> {

  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private final Runnable flow;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean endDelivered;
  private boolean draining;
  private Throwable failure;

  /**
   * @param flow called whenever this stream starts or stops holding chunks back
   */
  PartStream(Runnable flow) {
    this.flow = flow;
  }

  void push(Buffer chunk) {
    if (ended || failure != null) {
      return;
    }
    queue.add(chunk);
    drain();
  }

  void end() {
    ended = true;
    drain();
  }

  /**
   * The part broke off (truncated body, closed connection): the reader hears an error, never an
   * end.
   */
  void fail(Throwable cause) {
    if (failure != null || endDelivered) {
      return;
    }
    failure = cause;
    queue.clear();
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
    flow.run();
  }

  /** True while chunks wait for the reader. */
  boolean holding() {
    return !queue.isEmpty();
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (demand > 0 && handler != null && !queue.isEmpty() && failure == null) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        handler.handle(queue.poll());
      }
      if (ended && queue.isEmpty() && !endDelivered && failure == null && handler != null) {
        endDelivered = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
      }
    } finally {
      draining = false;
    }
    flow.run();
  }

  @Override
  public PartStream exceptionHandler(Handler<Throwable> h) {
    this.exceptionHandler = h;
    if (h != null && failure != null) {
      h.handle(failure);
    }
    return this;
  }

  @Override
  public PartStream handler(Handler<Buffer> h) {
    this.handler = h;
    drain();
    return this;
  }

  @Override
  public PartStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public PartStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public PartStream fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    drain();
    return this;
  }

  @Override
  public PartStream endHandler(Handler<Void> h) {
    this.endHandler = h;
    drain();
    return this;
  }
}
