package org.sinfonia.verticles.jobs;

import io.vertx.core.json.JsonObject;
import org.sinfonia.web.jobs.Job;

/**
 * The work of one kind of job. Runs on a worker thread (it may block) and must be idempotent: after
 * a crash the job runs again from its last checkpoint.
 */
public interface JobHandler {

  String kind();

  /** Does the work and returns the result; throws to fail the attempt. */
  JsonObject run(Job job, JobContext context) throws Exception;
}
