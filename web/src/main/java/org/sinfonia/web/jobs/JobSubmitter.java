package org.sinfonia.web.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Starts background work: the job document is written first, then announced to the workers of its
 * kind.
 */
@FunctionalInterface
public interface JobSubmitter {
  Future<Job> submit(String kind, String owner, JsonObject params);
}
