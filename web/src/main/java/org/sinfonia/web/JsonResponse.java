package org.sinfonia.web;

import io.vertx.ext.web.RoutingContext;

/** Writes a JSON success response. Errors go through {@link ErrorMapper}, never through here. */
public final class JsonResponse {

  private JsonResponse() {}

  public static void send(RoutingContext rc, int status, Object json) {
    String body =
        json instanceof io.vertx.core.json.JsonObject o
            ? o.encode()
            : json instanceof io.vertx.core.json.JsonArray a ? a.encode() : String.valueOf(json);
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  public static void ok(RoutingContext rc, Object json) {
    send(rc, 200, json);
  }
}
