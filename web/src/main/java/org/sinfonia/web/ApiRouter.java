package org.sinfonia.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Registers routes with their {@link Access}; there is deliberately no way to add a route without
 * one. JSON routes get a small, bounded body handler; streaming routes get none and the request
 * stays paused until the access check has passed, so no user byte is read (or lost) before the
 * handler pipes it.
 */
public final class ApiRouter {

  private final Router router;
  private final String prefix;
  private final BodyHandler jsonBodies;

  public ApiRouter(Router router, String prefix, long jsonBodyLimit) {
    this.router = router;
    this.prefix = prefix;
    this.jsonBodies =
        BodyHandler.create(false).setBodyLimit(jsonBodyLimit).setHandleFileUploads(false);
  }

  public Route get(String path, Access access, Handler<RoutingContext> handler) {
    return streaming(HttpMethod.GET, path, access, handler);
  }

  public Route head(String path, Access access, Handler<RoutingContext> handler) {
    return streaming(HttpMethod.HEAD, path, access, handler);
  }

  public Route delete(String path, Access access, Handler<RoutingContext> handler) {
    return json(HttpMethod.DELETE, path, access, handler);
  }

  public Route post(String path, Access access, Handler<RoutingContext> handler) {
    return json(HttpMethod.POST, path, access, handler);
  }

  public Route put(String path, Access access, Handler<RoutingContext> handler) {
    return json(HttpMethod.PUT, path, access, handler);
  }

  public Route patch(String path, Access access, Handler<RoutingContext> handler) {
    return json(HttpMethod.PATCH, path, access, handler);
  }

  /** A route whose small JSON body is read before the access check. */
  public Route json(
      HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    return router
        .route(method, prefix + path)
        .handler(jsonBodies)
        .handler(checked(access, handler));
  }

  /**
   * A route whose body (if any) is user data: paused until access is granted, then the handler
   * streams it. A client that sent {@code Expect: 100-continue} is told to go on only then, so a
   * refused upload is never sent at all.
   */
  public Route streaming(
      HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    return router
        .route(method, prefix + path)
        .handler(
            rc -> {
              if (!rc.request().isEnded()) {
                rc.request().pause();
              }
              checked(
                      access,
                      rc2 -> {
                        if ("100-continue".equalsIgnoreCase(rc2.request().getHeader("Expect"))
                            && !rc2.response().headWritten()) {
                          rc2.response().writeContinue();
                        }
                        handler.handle(rc2);
                      })
                  .handle(rc);
            });
  }

  private static Handler<RoutingContext> checked(Access access, Handler<RoutingContext> handler) {
    return rc ->
        access
            .check(rc)
            .onComplete(
                ar -> {
                  if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                  }
                  try {
                    handler.handle(rc);
                  } catch (RuntimeException e) {
                    rc.fail(e);
                  }
                });
  }
}
