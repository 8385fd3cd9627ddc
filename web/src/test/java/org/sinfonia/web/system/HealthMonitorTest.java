package org.sinfonia.web.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.time.SettableClock;

class HealthMonitorTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void answersFromTheLatestRoundWhileASlowProbeIsStillRunning() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    AtomicReference<Promise<JsonObject>> hanging = new AtomicReference<>();
    HealthCheck database =
        check(
            "mongo",
            () -> {
              if (rounds.incrementAndGet() == 1) {
                return Future.succeededFuture(new JsonObject().put("round", 1));
              }
              Promise<JsonObject> p =
                  Promise.promise(); // every later round hangs until its timeout
              hanging.set(p);
              return p.future();
            });
    HealthMonitor monitor =
        new HealthMonitor(
                vertx,
                List.of(database),
                Duration.ofMillis(50),
                Duration.ofSeconds(30),
                Clock.systemUTC())
            .start();
    HealthMonitor.Report first = monitor.current().await(5, TimeUnit.SECONDS);
    assertTrue(first.up());
    waitUntil(() -> rounds.get() >= 2);
    long started = System.nanoTime();
    HealthMonitor.Report during = monitor.current().await(5, TimeUnit.SECONDS);
    assertTrue(
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1),
        "did not wait for the hanging probe");
    assertTrue(during.up());
    assertEquals(1, during.dependencies().getJsonObject("mongo").getInteger("round"));
    assertEquals(2, rounds.get(), "one round at a time: no new round while one is still running");
    monitor.stop();
  }

  @Test
  void aFailingDependencyIsDownWithItsReason() throws Exception {
    HealthMonitor monitor =
        new HealthMonitor(
                vertx,
                List.of(
                    check("mongo", () -> Future.succeededFuture(new JsonObject())),
                    check("ldap", () -> Future.failedFuture("connection refused"))),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                Clock.systemUTC())
            .start();
    HealthMonitor.Report report = monitor.current().await(5, TimeUnit.SECONDS);
    assertFalse(report.up());
    assertEquals("UP", report.dependencies().getJsonObject("mongo").getString("status"));
    assertEquals("DOWN", report.dependencies().getJsonObject("ldap").getString("status"));
    assertEquals(
        "connection refused", report.dependencies().getJsonObject("ldap").getString("error"));
    monitor.stop();
  }

  @Test
  void aReportFromRoundsThatStoppedComingIsDown() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-11-26T10:00:00Z"));
    HealthMonitor monitor =
        new HealthMonitor(
                vertx,
                List.of(check("mongo", () -> Future.succeededFuture(new JsonObject()))),
                Duration.ofHours(1),
                Duration.ofSeconds(3),
                clock)
            .start();
    assertTrue(monitor.current().await(5, TimeUnit.SECONDS).up());
    clock.advance(Duration.ofHours(3));
    HealthMonitor.Report stale = monitor.current().await(5, TimeUnit.SECONDS);
    assertFalse(stale.up());
    assertTrue(
        stale.dependencies().getJsonObject("mongo").getString("error").contains("no health probe"));
    monitor.stop();
  }

  private static HealthCheck check(
      String name, java.util.function.Supplier<Future<JsonObject>> probe) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<JsonObject> check() {
        return probe.get();
      }
    };
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean());
  }
}
