package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobRepository;
import org.sinfonia.web.worker.Blocking;

/**
 * What a running {@link JobHandler} may do besides its work: report progress with a checkpoint
 * (which also extends its lease), record per-item errors, and learn whether it was asked to stop.
 * Blocking calls: they run on the handler's worker thread.
 */
public final class JobContext {

  /** How long a handler waits for one database answer. */
  private static final Duration AWAIT_LIMIT = Duration.ofMinutes(5);

  private final JobRepository jobs;
  private final String jobId;
  private final Duration lease;
  private volatile boolean cancelRequested;

  JobContext(JobRepository jobs, String jobId, Duration lease) {
    this.jobs = jobs;
    this.jobId = jobId;
    this.lease = lease;
  }

  public void progress(JsonObject progress, JsonObject checkpoint) {
    Job now = await(jobs.progress(jobId, progress, checkpoint, lease));
    cancelRequested = now.cancelRequested();
  }

  public void error(JsonObject error) {
    await(jobs.addError(jobId, error));
  }

  public boolean cancelRequested() {
    return cancelRequested;
  }

  /**
   * Waits for a future from the handler's worker thread through the one blocking bridge ({@link
   * Blocking}): the future's {@link ApiError} comes out as it is, so a handler can tell a lasting
   * refusal from a transient failure; no answer within five minutes is a {@code 503} ({@code
   * UNAVAILABLE}), which a handler treats as transient.
   */
  public static <T> T await(Future<T> future) {
    return Blocking.await(future, AWAIT_LIMIT);
  }
}
