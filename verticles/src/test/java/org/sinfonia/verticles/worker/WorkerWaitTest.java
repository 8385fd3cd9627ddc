package org.sinfonia.verticles.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerWaitTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aWorkerWaitsForTheAnswer() throws Exception {
    Promise<String> later = Promise.promise();
    vertx.setTimer(50, t -> later.complete("answer"));
    String got = vertx.executeBlocking(() -> WorkerWait.get(later.future(), Duration.ofSeconds(10)))
        .await(10, TimeUnit.SECONDS);
    assertEquals("answer", got);
  }

  @Test
  void anEventLoopIsRefusedAtOnce() throws Exception {
    Promise<String> outcome = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        WorkerWait.get(Future.succeededFuture("x"), Duration.ofSeconds(10));
        outcome.complete("waited");
      } catch (IllegalStateException e) {
        outcome.complete(e.getMessage());
      } catch (Exception e) {
        outcome.fail(e);
      }
    });
    assertTrue(outcome.future().await(10, TimeUnit.SECONDS).startsWith("a blocking wait on an event loop"));
  }
}
