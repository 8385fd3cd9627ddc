package org.sinfonia.verticles.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way code on a thread that may block (job workers, MINA's SFTP threads) waits for a Vert.x future. It
 * refuses to wait on an event loop, where the future it waits for could only complete after the wait: a bug to
 * report at once rather than a stall until the timeout. Callers map the outcome to their own errors.
 */
public final class WorkerWait {

  private WorkerWait() {
  }

  public static <T> T get(Future<T> future, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    requireMayBlock();
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Throws when called on an event loop. */
  public static void requireMayBlock() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking wait on an event loop (" + Thread.currentThread().getName() + ")");
    }
  }
}
