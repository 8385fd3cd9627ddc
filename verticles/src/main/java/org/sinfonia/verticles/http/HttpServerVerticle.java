package org.sinfonia.verticles.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * One HTTP event-loop instance; several share the port. Stopping it shuts the server down
 * gracefully: no new connections, and in-flight requests get {@code shutdownGrace} to finish.
 */
public final class HttpServerVerticle extends VerticleBase {

  private final HttpServerOptions options;
  private final Function<Vertx, Router> routes;
  private final Duration shutdownGrace;
  private final IntConsumer listening;
  private HttpServer server;

  public HttpServerVerticle(
      HttpServerOptions options,
      Function<Vertx, Router> routes,
      Duration shutdownGrace,
      IntConsumer listening) {
    this.options = options;
    this.routes = routes;
    this.shutdownGrace = shutdownGrace;
    this.listening = listening;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(options).requestHandler(routes.apply(vertx));
    return server.listen().onSuccess(s -> listening.accept(s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
  }
}
