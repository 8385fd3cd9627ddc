package org.sinfonia.web.system;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /health}: one entry per dependency from the {@link HealthMonitor}'s latest round (with the time it
 * ran), 200 when all are up and 503 otherwise. {@code GET /metrics}: Prometheus text.
 */
public final class SystemRoutes {

  private final HealthMonitor monitor;
  private final PrometheusMeterRegistry registry;
  private final String version;

  public SystemRoutes(HealthMonitor monitor, PrometheusMeterRegistry registry, String version) {
    this.monitor = monitor;
    this.registry = registry;
    this.version = version;
  }

  public void register(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }

  private void health(RoutingContext rc) {
    monitor.current().onSuccess(report -> {
      JsonObject body = new JsonObject().put("status", report.up() ? "UP" : "DOWN").put("version", version)
          .put("checkedAt", report.checkedAt().toString()).put("dependencies", report.dependencies());
      rc.response().setStatusCode(report.up() ? 200 : 503).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body.encode());
    }).onFailure(rc::fail);
  }
}
