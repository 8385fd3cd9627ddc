package org.sinfonia.verticles.jobs;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.sinfonia.web.jobs.JobRepository;

/**
 * Deploys the worker of one job kind, running up to {@code threads} jobs at once on a pool of its
 * own.
 */
public final class JobWorkers {

  private JobWorkers() {}

  public static Future<String> deploy(
      Vertx vertx,
      JobRepository jobs,
      JobHandler handler,
      int threads,
      Duration lease,
      int maxAttempts) {
    return vertx.deployVerticle(
        new JobWorkerVerticle(jobs, handler, threads, lease, maxAttempts), new DeploymentOptions());
  }
}
