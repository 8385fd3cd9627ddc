package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.sinfonia.verticles.bus.Addresses;
import org.sinfonia.verticles.bus.JobRef;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs of one kind: consumes their address, claims each job atomically (another node may have taken it),
 * runs the handler and records the outcome. Deployed with the worker threading model, one instance per thread
 * of the kind's pool, so a handler may block.
 */
public final class JobWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerVerticle.class);

  private final JobRepository jobs;
  private final JobHandler handler;
  private final Duration lease;
  private final int maxAttempts;

  public JobWorkerVerticle(JobRepository jobs, JobHandler handler, Duration lease, int maxAttempts) {
    this.jobs = jobs;
    this.handler = handler;
    this.lease = lease;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JobRef>consumer(Addresses.jobs(handler.kind()), this::onJob).completion();
  }

  private void onJob(Message<JobRef> message) {
    String id = message.body().id();
    Optional<Job> claimed = JobContext.await(jobs.claim(id, deploymentID(), lease));
    if (claimed.isEmpty()) {
      return;   // finished, cancelled, or running on another worker
    }
    Job job = claimed.get();
    try {
      JsonObject result = handler.run(job, new JobContext(jobs, id, lease));
      JobContext.await(jobs.finish(id, result));
    } catch (JobCancelledException e) {
      JobContext.await(jobs.cancel(id));
    } catch (Exception | Error e) {
      LOG.warn("job {} ({}) attempt {} failed: {}", id, handler.kind(), job.attempts(), e.toString());
      boolean again = JobContext.await(jobs.failOrRetry(id, String.valueOf(e.getMessage()), maxAttempts));
      if (again) {
        vertx.eventBus().send(Addresses.jobs(handler.kind()), new JobRef(id, handler.kind()));
      }
    }
  }
}
