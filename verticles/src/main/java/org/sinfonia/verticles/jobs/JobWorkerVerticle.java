package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.sinfonia.verticles.bus.Addresses;
import org.sinfonia.verticles.bus.JobRef;
import org.sinfonia.web.jobs.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs of one kind: consumes their address, claims each job atomically (another node may have
 * taken it) and runs the handler on the kind's own worker pool, at most {@code threads} at a time;
 * while all are busy it stops consuming, so this node claims no job it cannot start at once. The
 * verticle itself lives on an event loop: database calls complete there, so a handler blocked
 * waiting for one never waits on itself.
 */
public final class JobWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerVerticle.class);

  private final JobRepository jobs;
  private final JobHandler handler;
  private final int threads;
  private final Duration lease;
  private final int maxAttempts;
  private WorkerExecutor pool;
  private MessageConsumer<JobRef> consumer;
  private int running;

  public JobWorkerVerticle(
      JobRepository jobs, JobHandler handler, int threads, Duration lease, int maxAttempts) {
    this.jobs = jobs;
    this.handler = handler;
    this.threads = threads;
    this.lease = lease;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Future<?> start() {
    // A job may legitimately run for hours (a 5 GB extraction): no blocked-thread warnings for this
    // pool.
    pool =
        vertx.createSharedWorkerExecutor(
            "sinfonia-jobs-" + handler.kind(), threads, 1, TimeUnit.DAYS);
    consumer = vertx.eventBus().consumer(Addresses.jobs(handler.kind()), this::onJob);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister().eventually(() -> pool.close());
  }

  private void onJob(Message<JobRef> message) {
    String id = message.body().id();
    if (++running >= threads) {
      consumer.pause();
    }
    jobs.claim(id, deploymentID(), lease)
        .compose(
            claimed -> {
              if (claimed.isEmpty()) {
                return Future
                    .succeededFuture(); // finished, cancelled, or running on another worker
              }
              JobContext context = new JobContext(jobs, id, lease);
              return pool.<JsonObject>executeBlocking(
                      () -> handler.run(claimed.get(), context), false)
                  .compose(result -> jobs.finish(id, result))
                  .recover(
                      e ->
                          e instanceof JobCancelledException
                              ? jobs.cancel(id)
                              : e instanceof JobFailedException
                                  ? failNow(id, e)
                                  : retryOrFail(id, claimed.get().attempts(), e));
            })
        .onFailure(
            e -> LOG.warn("job {} ({}) could not be run: {}", id, handler.kind(), e.toString()))
        .onComplete(
            ar -> {
              if (running-- >= threads) {
                consumer.resume();
              }
            });
  }

  private Future<Void> failNow(String id, Throwable e) {
    LOG.info("job {} ({}) failed: {}", id, handler.kind(), e.getMessage());
    return jobs.failOrRetry(id, String.valueOf(e.getMessage()), 0).mapEmpty();
  }

  private Future<Void> retryOrFail(String id, int attempt, Throwable e) {
    LOG.warn("job {} ({}) attempt {} failed: {}", id, handler.kind(), attempt, e.toString());
    return jobs.failOrRetry(id, String.valueOf(e.getMessage()), maxAttempts)
        .map(
            again -> {
              if (again) {
                vertx
                    .eventBus()
                    .send(Addresses.jobs(handler.kind()), new JobRef(id, handler.kind()));
              }
              return null;
            });
  }
}
