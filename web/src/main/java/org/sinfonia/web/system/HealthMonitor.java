package org.sinfonia.web.system;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes every dependency in the background, one round at a time, and keeps the latest round, so
 * that {@code GET /health} answers from memory. A probe that waits behind a busy database or disk
 * (a heavy ingest made a live one take 100+ ms) then never delays the answer, and a load balancer
 * polling often adds no load. The report says when its round ran; if rounds stop coming (the probe
 * timer itself is stuck), it turns DOWN once it is older than two intervals plus the probe timeout.
 */
public final class HealthMonitor {

  /** One round's findings. */
  public record Report(boolean up, JsonObject dependencies, Instant checkedAt) {}

  private final Vertx vertx;
  private final List<HealthCheck> checks;
  private final Duration interval;
  private final Duration timeout;
  private final Clock clock;
  private final Promise<Report> first = Promise.promise();
  private volatile Report latest;
  private volatile boolean probing;
  private long timer = -1;

  public HealthMonitor(
      Vertx vertx, List<HealthCheck> checks, Duration interval, Duration timeout, Clock clock) {
    this.vertx = vertx;
    this.checks = List.copyOf(checks);
    this.interval = interval;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Runs the first round now and then one every interval. */
  public HealthMonitor start() {
    probe();
    timer = vertx.setPeriodic(interval.toMillis(), t -> probe());
    return this;
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /**
   * The latest round (the first one, once it has run), or a DOWN report if rounds have stopped
   * coming.
   */
  public Future<Report> current() {
    Report r = latest;
    if (r == null) {
      return first.future();
    }
    long age = Duration.between(r.checkedAt(), clock.instant()).toMillis();
    if (age > 2 * interval.toMillis() + timeout.toMillis()) {
      JsonObject stale = new JsonObject();
      checks.forEach(
          c ->
              stale.put(
                  c.name(),
                  new JsonObject()
                      .put("status", "DOWN")
                      .put("error", "no health probe has finished for " + age + " ms")));
      return Future.succeededFuture(new Report(false, stale, r.checkedAt()));
    }
    return Future.succeededFuture(r);
  }

  private void probe() {
    if (probing) {
      return;
    }
    probing = true;
    List<Future<JsonObject>> results = checks.stream().map(this::bounded).toList();
    Future.join(results)
        .onComplete(
            ignored -> {
              JsonObject deps = new JsonObject();
              boolean up = true;
              for (int i = 0; i < checks.size(); i++) {
                Future<JsonObject> f = results.get(i);
                if (f.succeeded()) {
                  deps.put(
                      checks.get(i).name(),
                      new JsonObject().put("status", "UP").mergeIn(f.result()));
                } else {
                  up = false;
                  String reason =
                      f.cause() instanceof TimeoutException
                          ? "no answer within " + timeout.toMillis() + " ms"
                          : String.valueOf(f.cause().getMessage());
                  deps.put(
                      checks.get(i).name(),
                      new JsonObject().put("status", "DOWN").put("error", reason));
                }
              }
              Report report = new Report(up, deps, clock.instant());
              latest = report;
              probing = false;
              first.tryComplete(report);
            });
  }

  private Future<JsonObject> bounded(HealthCheck check) {
    try {
      return check.check().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
