package org.sinfonia.verticles.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.web.worker.Blocking;

/** The one blocking bridge and its one error policy, as job handlers and the SFTP door see it. */
class BlockingBridgeTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aWorkerWaitsForTheAnswer() throws Exception {
    Promise<String> later = Promise.promise();
    vertx.setTimer(50, t -> later.complete("answer"));
    String got =
        vertx.executeBlocking(() -> JobContext.await(later.future())).await(10, TimeUnit.SECONDS);
    assertEquals("answer", got);
  }

  @Test
  void anApiErrorComesOutAsItIsAndAnyOtherRuntimeFailureToo() throws Exception {
    ApiError refusal = ApiError.forbidden("NO_WRITE", "no");
    Object seen =
        vertx
            .executeBlocking(
                () -> {
                  try {
                    return JobContext.await(Future.failedFuture(refusal));
                  } catch (RuntimeException e) {
                    return e;
                  }
                })
            .await(10, TimeUnit.SECONDS);
    assertSame(refusal, seen, "the same ApiError, not a wrapper");
    Object other =
        vertx
            .executeBlocking(
                () -> {
                  try {
                    return Blocking.await(Future.failedFuture(new IllegalArgumentException("bad")));
                  } catch (RuntimeException e) {
                    return e;
                  }
                })
            .await(10, TimeUnit.SECONDS);
    assertTrue(other instanceof IllegalArgumentException, String.valueOf(other));
  }

  @Test
  void noAnswerInTimeIsUnavailable() throws Exception {
    Object seen =
        vertx
            .executeBlocking(
                () -> {
                  try {
                    return Blocking.await(Promise.promise().future(), Duration.ofMillis(50));
                  } catch (ApiError e) {
                    return e;
                  }
                })
            .await(10, TimeUnit.SECONDS);
    assertTrue(
        seen instanceof ApiError a && a.kind() == ApiError.Kind.UNAVAILABLE, String.valueOf(seen));
  }

  @Test
  void anEventLoopIsRefusedAtOnce() throws Exception {
    Promise<String> outcome = Promise.promise();
    vertx.runOnContext(
        v -> {
          try {
            JobContext.await(Future.succeededFuture("x"));
            outcome.complete("waited");
          } catch (IllegalStateException e) {
            outcome.complete(e.getMessage());
          } catch (Exception e) {
            outcome.fail(e);
          }
        });
    assertTrue(
        outcome
            .future()
            .await(10, TimeUnit.SECONDS)
            .startsWith("a blocking wait on an event loop"));
  }
}
