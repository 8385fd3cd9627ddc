package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
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
 * runs the handler and records the outcome. The consumer is on an event loop; each job runs on the kind's own
 * worker pool, so a handler may block, including on futures of the database client: their results are delivered
 * on the event loop, never queued behind the blocked task (a worker-verticle context would deadlock there).
 */
public final class JobWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerVerticle.class);

  private final JobRepository jobs;
  private final JobHandler handler;
  private final Duration lease;
  private final int maxAttempts;
  private final int threads;
  private WorkerExecutor pool;

  public JobWorkerVerticle(JobRepository jobs, JobHandler handler, Duration lease, int maxAttempts, int threads) {
    this.jobs = jobs;
    this.handler = handler;
    this.lease = lease;
    this.maxAttempts = maxAttempts;
    this.threads = threads;
  }

  @Override
  public Future<?> start() {
    pool = vertx.createSharedWorkerExecutor("sinfonia-jobs-" + handler.kind(), threads);
    return vertx.eventBus().<JobRef>consumer(Addresses.jobs(handler.kind()), this::onJob).completion();
  }

  @Override
  public Future<?> stop() {
    pool.close();
    return Future.succeededFuture();
  }

  private void onJob(Message<JobRef> message) {
    pool.executeBlocking(() -> {
      run(message.body().id());
      return null;
    }, false).onFailure(e -> LOG.warn("job {} ({}): {}", message.body().id(), handler.kind(), e.toString()));
  }

  private void run(String id) {
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
