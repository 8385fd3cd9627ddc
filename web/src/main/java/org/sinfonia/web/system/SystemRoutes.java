package org.sinfonia.web.system;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;

/**
 * {@code GET /health}: one entry per dependency from the {@link HealthMonitor}'s latest round (with
 * the time it ran), 200 when all are up and 503 otherwise; public. {@code GET /metrics}: Prometheus
 * text, which tells load, users' activity and versions to whoever reads it: site administrators
 * only on the main port, or, when a management port is configured, there alone without
 * authentication (that port is meant for a private network).
 */
public final class SystemRoutes {

  private final HealthMonitor monitor;
  private final PrometheusMeterRegistry registry;
  private final String version;

  private final boolean metricsOnManagementPort;

  public SystemRoutes(
      HealthMonitor monitor,
      PrometheusMeterRegistry registry,
      String version,
      boolean metricsOnManagementPort) {
    this.monitor = monitor;
    this.registry = registry;
    this.version = version;
    this.metricsOnManagementPort = metricsOnManagementPort;
  }

  /** The public system routes of the main port, registered before authentication. */
  public void register(Router router) {
    router.get("/health").handler(this::health);
  }

  /**
   * The main port's {@code /metrics}, for site administrators, unless the management port serves
   * it.
   */
  public void registerForAdmins(ApiRouter api) {
    if (!metricsOnManagementPort) {
      api.get("/metrics", Access.admin(), PrometheusScrapingHandler.create(registry));
    }
  }

  /** The management port's whole surface: health and metrics, no authentication. */
  public Router managementRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.route().last().handler(rc -> rc.response().setStatusCode(404).end());
    return router;
  }

  private void health(RoutingContext rc) {
    monitor
        .current()
        .onSuccess(
            report -> {
              JsonObject body =
                  new JsonObject()
                      .put("status", report.up() ? "UP" : "DOWN")
                      .put("version", version)
                      .put("checkedAt", report.checkedAt().toString())
                      .put("dependencies", report.dependencies());
              rc.response()
                  .setStatusCode(report.up() ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(body.encode());
            })
        .onFailure(rc::fail);
  }
}
