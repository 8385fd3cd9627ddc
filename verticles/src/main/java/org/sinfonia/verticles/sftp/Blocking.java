package org.sinfonia.verticles.sftp;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.verticles.worker.WorkerWait;

/**
 * Waits for a Vert.x future from a thread that may block (MINA's threads, job workers; never an event loop),
 * rethrowing the future's own failure (an {@link ApiError} stays an {@link ApiError}).
 */
final class Blocking {

  private Blocking() {
  }

  static <T> T await(Future<T> future, Duration timeout) {
    try {
      return WorkerWait.get(future, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("INTERRUPTED", "interrupted while waiting");
    } catch (TimeoutException e) {
      throw ApiError.unavailable("TIMEOUT", "no answer within %d ms", timeout.toMillis());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static <T> T await(Future<T> future) {
    return await(future, Duration.ofMinutes(2));
  }
}
