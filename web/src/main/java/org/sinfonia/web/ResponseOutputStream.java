package org.sinfonia.web;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A blocking {@link OutputStream} over an HTTP response, for producers that run on a worker thread
 * (a zip writer): it blocks the worker while the response's write queue is full, so a slow client
 * slows the producer instead of filling memory; a client that goes away makes the next write fail.
 */
public final class ResponseOutputStream extends OutputStream {

  private static final int CHUNK = 64 * 1024;

  private final Context context;
  private final HttpServerResponse response;
  private final long stallLimitMillis;
  private final byte[] pending = new byte[CHUNK];
  private int used;
  private volatile boolean closed;

  public ResponseOutputStream(Context context, HttpServerResponse response, long stallLimitMillis) {
    this.context = context;
    this.response = response;
    this.stallLimitMillis = stallLimitMillis;
    context.runOnContext(v -> response.closeHandler(x -> closed = true));
  }

  @Override
  public void write(int b) throws IOException {
    if (used == CHUNK) {
      flushPending();
    }
    pending[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == CHUNK) {
        flushPending();
      }
      int n = Math.min(len, CHUNK - used);
      System.arraycopy(b, off, pending, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    flushPending();
  }

  private void flushPending() throws IOException {
    if (used == 0) {
      return;
    }
    if (closed) {
      throw new IOException("the client closed the connection");
    }
    Buffer chunk = Buffer.buffer(used).appendBytes(pending, 0, used);
    used = 0;
    CountDownLatch writable = new CountDownLatch(1);
    context.runOnContext(
        v -> {
          response.write(chunk);
          if (response.writeQueueFull()) {
            response.drainHandler(x -> writable.countDown());
          } else {
            writable.countDown();
          }
        });
    awaitWritable(writable);
  }

  private void awaitWritable(CountDownLatch writable) throws IOException {
    try {
      long waited = 0;
      while (!writable.await(100, TimeUnit.MILLISECONDS)) {
        waited += 100;
        if (closed) {
          throw new IOException("the client closed the connection");
        }
        if (waited > stallLimitMillis) {
          throw new IOException("the client read nothing for " + stallLimitMillis + " ms");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Sends what is left; the caller ends the response on the context. */
  @Override
  public void close() throws IOException {
    flushPending();
  }
}
