package org.sinfonia.verticles.jobs;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.sinfonia.web.jobs.JobRepository;

/** Deploys the workers of one job kind: one consumer, running up to {@code threads} jobs on a pool of their own. */
public final class JobWorkers {

  private JobWorkers() {
  }

  public static Future<String> deploy(Vertx vertx, JobRepository jobs, JobHandler handler, int threads, Duration lease,
                                      int maxAttempts) {
    return vertx.deployVerticle(new JobWorkerVerticle(jobs, handler, lease, maxAttempts, threads),
        new DeploymentOptions());
  }
}
