package org.sinfonia.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import java.util.UUID;
import org.sinfonia.core.error.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that turns failures into HTTP responses: {@link ApiError} kinds become statuses
 * with a JSON {@code {error, message}} body; anything unexpected becomes a 500 carrying a request
 * id, with the stack trace logged and never sent. A HEAD response carries the status only.
 */
public final class ErrorMapper implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  public static int status(ApiError.Kind kind, boolean anonymous) {
    return switch (kind) {
      case BAD_REQUEST -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> anonymous ? 401 : 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case NOT_ACCEPTABLE -> 406;
      case CONFLICT -> 409;
      case GONE -> 410;
      case PRECONDITION -> 412;
      case TOO_LARGE -> 413;
      case UNPROCESSABLE -> 422;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case LOCKED -> 423;
      case TOO_MANY_REQUESTS -> 429;
      case RANGE_NOT_SATISFIABLE -> 416;
      case CHECKSUM -> 460;
      case UNAVAILABLE -> 503;
      case INSUFFICIENT_STORAGE -> 507;
      case INTERNAL -> 500;
    };
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      // Part of the body is already on the wire: the only honest signal left is to cut the
      // connection.
      LOG.warn(
          "failure after response started on {} {}",
          rc.request().method(),
          rc.normalizedPath(),
          rc.failure());
      rc.request().connection().close();
      return;
    }
    ApiError error = toApiError(rc);
    boolean anonymous = Caller.of(rc).anonymous();
    int status = status(error.kind(), anonymous);
    if (status == 401 && error.kind() != ApiError.Kind.UNAUTHENTICATED) {
      error = ApiError.unauthenticated("AUTHENTICATION_REQUIRED", "log in to access this resource");
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", challenge(rc.request()));
    }
    send(rc, status, error.code(), error.getMessage(), error.details());
  }

  /**
   * Scripts and the address bar may answer a Basic challenge; a page's own requests (fetch, XHR,
   * images, media) are not offered one, because Firefox answers it with a password dialog of its
   * own over the portal's sign-in form. Fetch metadata tells them apart: only navigations and
   * clients that send none (curl, SDKs) get {@code Basic}.
   */
  static String challenge(HttpServerRequest request) {
    String mode = request.getHeader("Sec-Fetch-Mode");
    boolean pageRequest =
        (mode != null && !mode.equalsIgnoreCase("navigate"))
            || "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
    return pageRequest
        ? "Bearer realm=\"sinfonia\""
        : "Bearer realm=\"sinfonia\", Basic realm=\"sinfonia\"";
  }

  public static void send(RoutingContext rc, int status, String code, String message) {
    send(rc, status, code, message, Map.of());
  }

  /** As above, with more members of the body (an error's {@link ApiError#details()}). */
  public static void send(
      RoutingContext rc, int status, String code, String message, Map<String, Object> details) {
    HttpServerResponse response = rc.response().setStatusCode(status);
    if (rc.request().method() == HttpMethod.HEAD) {
      response.end();
      return;
    }
    response
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject(new java.util.LinkedHashMap<>(details))
                .put("error", code)
                .put("message", message)
                .encode());
  }

  private static ApiError toApiError(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof ApiError e) {
      return e;
    }
    if (failure instanceof DecodeException) {
      return ApiError.badRequest("MALFORMED_JSON", "the request body is not valid JSON");
    }
    if (failure instanceof HttpException he) {
      return fromStatus(he.getStatusCode());
    }
    if (failure == null) {
      return fromStatus(rc.statusCode());
    }
    String requestId = UUID.randomUUID().toString();
    LOG.error(
        "request {} failed: {} {}", requestId, rc.request().method(), rc.normalizedPath(), failure);
    return new ApiError(
        ApiError.Kind.INTERNAL,
        "INTERNAL_ERROR",
        "the server failed to process the request (request id " + requestId + ")");
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("BAD_REQUEST", "the request is malformed");
      case 401 ->
          ApiError.unauthenticated("AUTHENTICATION_REQUIRED", "log in to access this resource");
      case 403 -> ApiError.forbidden("FORBIDDEN", "not allowed");
      case 404 -> ApiError.notFound("NOT_FOUND", "no such resource");
      case 405 ->
          new ApiError(
              ApiError.Kind.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "method not allowed here");
      case 413 ->
          ApiError.tooLarge("REQUEST_TOO_LARGE", "the request body exceeds the configured limit");
      case 415 ->
          ApiError.unsupportedMediaType("UNSUPPORTED_MEDIA_TYPE", "unsupported content type");
      default ->
          new ApiError(
              status >= 500 ? ApiError.Kind.INTERNAL : ApiError.Kind.BAD_REQUEST,
              status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST",
              "request failed with status " + status);
    };
  }
}
