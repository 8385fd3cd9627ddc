package org.sinfonia.web.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sinfonia.core.error.ApiError;

/**
 * The one bridge from code on a thread that may block (job workers, MINA's SFTP threads, the
 * blocking ingest twin) to a Vert.x future, with one error policy: the future's own runtime failure
 * comes out as it is (an {@link ApiError} stays one), a checked one wrapped; no answer in time or
 * an interrupt is {@code 503}. Waiting on an event loop is refused at once: the future could only
 * complete after the wait.
 */
public final class Blocking {

  public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(2);

  private Blocking() {}

  public static <T> T await(Future<T> future) {
    return await(future, DEFAULT_LIMIT);
  }

  public static <T> T await(Future<T> future, Duration limit) {
    requireMayBlock();
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("INTERRUPTED", "interrupted while waiting");
    } catch (TimeoutException e) {
      throw ApiError.unavailable("TIMEOUT", "no answer within %d ms", limit.toMillis());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  /** Throws when called on an event loop. */
  public static void requireMayBlock() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "a blocking wait on an event loop (" + Thread.currentThread().getName() + ")");
    }
  }
}
