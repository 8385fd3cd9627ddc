package org.sinfonia.verticles.mongo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** BSON dates as the Vert.x Mongo client spells them ({@code {"$date": "..."}}). */
final class MongoDates {

  private MongoDates() {}

  static JsonObject of(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  static Instant read(Object value) {
    if (value instanceof JsonObject o && o.getValue("$date") != null) {
      Object d = o.getValue("$date");
      return d instanceof Number n
          ? Instant.ofEpochMilli(n.longValue())
          : Instant.parse(d.toString());
    }
    if (value instanceof String s) {
      return Instant.parse(s);
    }
    return Instant.EPOCH;
  }
}
