package org.sinfonia.verticles.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.sinfonia.core.jobs.JobState;
import org.sinfonia.web.jobs.Job;

/** The one place where stored job documents become {@link Job} records. */
final class JobDocuments {

  private JobDocuments() {}

  static Job job(JsonObject d) {
    return new Job(
        d.getString("_id"),
        d.getString("kind"),
        d.getString("owner"),
        d.getJsonObject("params", new JsonObject()),
        state(d.getString("state")),
        d.getBoolean("cancelRequested", false),
        d.getInteger("attempts", 0),
        d.getJsonObject("checkpoint", new JsonObject()),
        d.getJsonObject("progress", new JsonObject()),
        d.getJsonArray("errors", new JsonArray()),
        d.getJsonObject("result"),
        d.getString("failure"),
        d);
  }

  private static JobState state(String wire) {
    if (wire == null) {
      return null;
    }
    try {
      return JobState.ofWire(wire);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
