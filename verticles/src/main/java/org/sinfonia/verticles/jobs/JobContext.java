package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.verticles.worker.WorkerWait;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobRepository;

/**
 * What a running {@link JobHandler} may do besides its work: report progress with a checkpoint (which also
 * extends its lease), record per-item errors, and learn whether it was asked to stop. Blocking calls: they run
 * on the handler's worker thread.
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
   * Waits for a future from the handler's worker thread (never called on an event loop). The future's
   * {@link ApiError} is rethrown as it is, so a handler can tell a lasting refusal from a transient failure.
   */
  public static <T> T await(Future<T> future) {
    try {
      return WorkerWait.get(future, AWAIT_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiError a) {
        throw a;
      }
      throw new IllegalStateException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
    }
  }
}
