package org.sinfonia.verticles.jobs;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.sinfonia.web.jobs.JobRepository;

/** Deploys the workers of one job kind on a pool of their own, one verticle instance per thread. */
public final class JobWorkers {

  private JobWorkers() {
  }

  public static Future<String> deploy(Vertx vertx, JobRepository jobs, JobHandler handler, int threads, Duration lease,
                                      int maxAttempts) {
    DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName("sinfonia-jobs-" + handler.kind()).setWorkerPoolSize(threads).setInstances(threads);
    return vertx.deployVerticle(() -> new JobWorkerVerticle(jobs, handler, lease, maxAttempts), options);
  }
}
