package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.sinfonia.verticles.bus.Addresses;
import org.sinfonia.verticles.bus.JobRef;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobRepository;
import org.sinfonia.web.jobs.JobSubmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits jobs (document first, then the announcement) and re-announces unfinished ones at start-up
 * and periodically, since the event bus is not durable: a job whose worker died runs again once its
 * lease expires.
 */
public final class JobQueue implements JobSubmitter {

  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

  private final Vertx vertx;
  private final JobRepository jobs;

  public JobQueue(Vertx vertx, JobRepository jobs) {
    this.vertx = vertx;
    this.jobs = jobs;
  }

  @Override
  public Future<Job> submit(String kind, String owner, JsonObject params) {
    return jobs.create(kind, owner, params).onSuccess(this::announce);
  }

  private void announce(Job job) {
    vertx.eventBus().send(Addresses.jobs(job.kind()), new JobRef(job.id(), job.kind()));
  }

  /**
   * Announces every unfinished job again; a worker that finds one already taken simply ignores it.
   */
  public Future<Integer> requeue() {
    return jobs.unfinished()
        .map(
            list -> {
              list.forEach(this::announce);
              if (!list.isEmpty()) {
                LOG.info("re-announced {} unfinished job(s)", list.size());
              }
              return list.size();
            });
  }
}
