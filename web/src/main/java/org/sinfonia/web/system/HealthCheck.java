package org.sinfonia.web.system;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One dependency's health: completes with details when it is usable, fails when it is not. */
public interface HealthCheck {

  String name();

  Future<JsonObject> check();
}
