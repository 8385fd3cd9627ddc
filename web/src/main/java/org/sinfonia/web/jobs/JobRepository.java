package org.sinfonia.web.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Durable job documents: created first, claimed atomically by one worker, progressed, finished. */
public interface JobRepository {

  Future<Job> create(String kind, String owner, JsonObject params);

  Future<Optional<Job>> find(String id);

  /** Newest first; {@code owner} null lists everyone's (site administrators). */
  Future<List<Job>> list(String owner, String state, int limit, long offset);

  /** Atomically takes a queued job, or a running one whose lease expired (its worker died). */
  Future<Optional<Job>> claim(String id, String worker, Duration lease);

  /**
   * Records progress (and extends the lease); returns the job as it is now, to see cancellation
   * requests.
   */
  Future<Job> progress(String id, JsonObject progress, JsonObject checkpoint, Duration lease);

  Future<Void> addError(String id, JsonObject error);

  Future<Void> finish(String id, JsonObject result);

  /**
   * A failed attempt: back to QUEUED while attempts remain, else FAILED. Returns true if it will
   * run again.
   */
  Future<Boolean> failOrRetry(String id, String reason, int maxAttempts);

  Future<Void> cancel(String id);

  /** Asks a running job to stop at its next checkpoint; a queued one is cancelled at once. */
  Future<Optional<Job>> requestCancel(String id);

  /**
   * Jobs not finished (queued, or running with an expired lease): to be announced again at
   * start-up.
   */
  Future<List<Job>> unfinished();
}
