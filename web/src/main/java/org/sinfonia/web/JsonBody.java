package org.sinfonia.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.error.ApiError;

/**
 * Reads the small JSON documents of the metadata API (never user file data) with clear 400/415
 * errors.
 */
public final class JsonBody {

  private JsonBody() {}

  public static JsonObject object(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    if (type != null && !type.toLowerCase().startsWith("application/json")) {
      throw ApiError.unsupportedMediaType(
          "UNSUPPORTED_MEDIA_TYPE", "expected application/json, got %s", type);
    }
    if (rc.body() == null || rc.body().length() == 0) {
      throw ApiError.badRequest("MALFORMED_JSON", "a JSON object is required");
    }
    try {
      Object value = io.vertx.core.json.Json.decodeValue(rc.body().buffer());
      if (value instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      throw ApiError.badRequest("MALFORMED_JSON", "the request body is not valid JSON");
    }
    throw ApiError.badRequest("MALFORMED_JSON", "the request body must be a JSON object");
  }

  public static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s)) {
      throw ApiError.badRequest("MISSING_FIELD", "'%s' must be a string", field);
    }
    return s;
  }
}
