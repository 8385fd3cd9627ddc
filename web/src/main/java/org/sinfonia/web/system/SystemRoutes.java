package org.sinfonia.web.system;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /health}: one entry per dependency, 200 when all are up and 503 otherwise; each check is
 * bounded by a timeout so a hung dependency reports DOWN instead of hanging the probe.
 * {@code GET /metrics}: Prometheus text.
 */
public final class SystemRoutes {

  private final Vertx vertx;
  private final List<HealthCheck> checks;
  private final PrometheusMeterRegistry registry;
  private final Duration timeout;
  private final String version;

  public SystemRoutes(Vertx vertx, List<HealthCheck> checks, PrometheusMeterRegistry registry, Duration timeout,
                      String version) {
    this.vertx = vertx;
    this.checks = List.copyOf(checks);
    this.registry = registry;
    this.timeout = timeout;
    this.version = version;
  }

  public void register(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }

  private void health(RoutingContext rc) {
    List<Future<JsonObject>> results = checks.stream().map(this::bounded).toList();
    Future.join(results).onComplete(ignored -> {
      JsonObject deps = new JsonObject();
      boolean up = true;
      for (int i = 0; i < checks.size(); i++) {
        Future<JsonObject> f = results.get(i);
        if (f.succeeded()) {
          deps.put(checks.get(i).name(), new JsonObject().put("status", "UP").mergeIn(f.result()));
        } else {
          up = false;
          String reason = f.cause() instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms"
              : String.valueOf(f.cause().getMessage());
          deps.put(checks.get(i).name(), new JsonObject().put("status", "DOWN").put("error", reason));
        }
      }
      JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("version", version)
          .put("dependencies", deps);
      rc.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body.encode());
    });
  }

  private Future<JsonObject> bounded(HealthCheck check) {
    try {
      return check.check().timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
