package org.sinfonia.verticles.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.sinfonia.web.system.HealthCheck;

/** MongoDB answers a ping. */
public final class MongoHealth implements HealthCheck {

  private final MongoClient mongo;
  private final boolean embedded;

  public MongoHealth(MongoClient mongo, boolean embedded) {
    this.mongo = mongo;
    this.embedded = embedded;
  }

  @Override
  public String name() {
    return "mongo";
  }

  @Override
  public Future<JsonObject> check() {
    return mongo
        .runCommand("ping", new JsonObject().put("ping", 1))
        .map(r -> new JsonObject().put("embedded", embedded));
  }
}
