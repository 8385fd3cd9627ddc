package org.sinfonia.verticles.extract;

import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.web.ingest.IngestResult;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.worker.Blocking;

/**
 * Puts one extracted file into its folder through the ingest service, under the job's conflict
 * policy, on the job's thread. The bytes are read now; their commit and the placement (the
 * service's one naming rule, "already stored" from the hash, registration) run on {@code commits}
 * while the job reads the next entries, and are {@link #settle}d in entry order. This class only
 * translates the service's result into the job's counts.
 */
final class EntryPlacement {

  /** How an entry ended up. */
  enum Outcome {
    STORED,
    RENAMED,
    OVERWRITTEN,
    UNCHANGED,
    KEPT
  }

  /** What {@link #place} did: finished, or a placement still in flight. */
  sealed interface Placed permits Done, Registering {}

  record Done(Outcome outcome) implements Placed {}

  /** An entry whose commit and placement are in flight ({@code registration}). */
  record Registering(CompletableFuture<IngestResult> registration, Resource folder, String name)
      implements Placed {}

  private final IngestService ingest;
  private final WorkerExecutor commits;
  private final ConflictPolicy policy;
  private final String creator;
  private final String zipFileId;

  /**
   * @param commits where blobs are committed (fsync + rename) and placed while the job reads on
   */
  EntryPlacement(
      IngestService ingest,
      WorkerExecutor commits,
      ConflictPolicy policy,
      String creator,
      String zipFileId) {
    this.ingest = ingest;
    this.commits = commits;
    this.policy = policy;
    this.creator = creator;
    this.zipFileId = zipFileId;
  }

  Placed place(Resource folder, String name, InputStream content, long declaredSize)
      throws IOException {
    IngestOptions options = IngestOptions.named(name, creator).withConflictPolicy(policy);
    CompletableFuture<IngestResult> placed =
        ingest
            .ingestAhead(
                new Origin.ZipEntry(creator, zipFileId, folder.id() + "/" + name),
                folder,
                content,
                options,
                commits)
            .toCompletionStage()
            .toCompletableFuture();
    return new Registering(placed, folder, name);
  }

  /** Waits for a placement {@link #place} left in flight and translates its result. */
  Outcome settle(Registering r) {
    Blocking.requireMayBlock();
    IngestResult result;
    try {
      result = r.registration().get(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering " + r.name(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "no answer from the database while registering " + r.name(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiError a) {
        throw a;
      }
      throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
    }
    return switch (result.outcome()) {
      case STORED -> Outcome.STORED;
      case RENAMED -> Outcome.RENAMED;
      case OVERWRITTEN -> Outcome.OVERWRITTEN;
      case ALREADY_STORED -> Outcome.UNCHANGED;
      case KEPT -> Outcome.KEPT;
      case REJECTED ->
          throw result.reason() instanceof ApiError a
              ? a
              : ApiError.badRequest(
                  "ENTRY_REJECTED", "%s", String.valueOf(result.reason().getMessage()));
      case STORAGE_FULL ->
          throw ApiError.insufficientStorage("STORAGE_FULL", "the storage is full");
    };
  }
}
