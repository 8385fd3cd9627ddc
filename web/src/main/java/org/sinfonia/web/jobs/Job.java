package org.sinfonia.web.jobs;

import io.vertx.core.json.JsonObject;
import org.sinfonia.core.jobs.JobState;

/**
 * A durable unit of background work as stored: kind (which worker runs it), owner, parameters,
 * state, progress, per-item errors and result. Written before it is announced on the event bus.
 */
public record Job(JsonObject doc) {

  public String id() {
    return doc.getString("_id");
  }

  public String kind() {
    return doc.getString("kind");
  }

  public String owner() {
    return doc.getString("owner");
  }

  public JsonObject params() {
    return doc.getJsonObject("params", new JsonObject());
  }

  public JobState state() {
    return JobState.ofWire(doc.getString("state"));
  }

  public boolean cancelRequested() {
    return doc.getBoolean("cancelRequested", false);
  }

  public int attempts() {
    return doc.getInteger("attempts", 0);
  }

  /** Whatever the worker recorded to resume after a crash (e.g. entries already extracted). */
  public JsonObject checkpoint() {
    return doc.getJsonObject("checkpoint", new JsonObject());
  }
}
