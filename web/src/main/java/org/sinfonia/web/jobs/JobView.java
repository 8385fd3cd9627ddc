package org.sinfonia.web.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The client's view of a job. */
public final class JobView {

  private JobView() {}

  public static JsonObject of(Job job) {
    JsonObject d = job.stored();
    return new JsonObject()
        .put("id", job.id())
        .put("kind", job.kind())
        .put("owner", job.owner())
        .put("state", d.getString("state"))
        .put("cancelRequested", job.cancelRequested())
        .put("params", job.params())
        .put("progress", job.progress())
        .put("errors", job.errors())
        .put("result", job.result())
        .put("failure", job.failure())
        .put("attempts", job.attempts())
        .put("created", date(d.getValue("created")))
        .put("updated", date(d.getValue("updated")));
  }

  private static String date(Object stored) {
    if (stored instanceof JsonObject o && o.getValue("$date") != null) {
      Object v = o.getValue("$date");
      return v instanceof Number n ? Instant.ofEpochMilli(n.longValue()).toString() : v.toString();
    }
    return stored == null ? null : stored.toString();
  }
}
