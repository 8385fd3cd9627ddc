package org.sinfonia.web.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.IngestGate;
import org.sinfonia.core.ingest.IngestLimits;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.core.ingest.MediaTypes;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.ingest.PrivacyStages;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.privacy.PrivacyPolicies;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.worker.Blocking;

/**
 * The one ingest service behind every door. It owns the byte pass ({@link Ingest}: blob, SHA-256,
 * DICOM tap, size limit, sync), the naming and conflict rule ({@link Placement}), "these bytes are
 * already here" from the hash it computed, registration with the file's {@link Origin} (in batches
 * where a door has several files at hand) and, through the {@link Registrar}'s listeners, indexing
 * and previews, and the metrics. A door hands it bytes and translates the {@link IngestResult} into
 * its protocol; it never looks at conflicts itself.
 *
 * <p>Refusals come back as results ({@code REJECTED} with the reason, {@code STORAGE_FULL}); only a
 * failure that is nobody's fault in the request (a broken body, the database gone) fails the
 * future.
 */
public final class IngestService {

  private final Ingest bytes;
  private final ResumableIngest resumable;
  private final Registrar registrar;
  private final Placement placement;
  private final MeterRegistry metrics;
  private final Audit audit;
  private final PrivacyPolicies privacy;
  private final PrivacyStages stages;

  /**
   * @param privacy the policy in force for a destination folder, asked once per file before its
   *     first byte
   * @param stages makes the privacy stage of a file under its policy (with the site key)
   */
  public IngestService(
      Ingest bytes,
      ResumableIngest resumable,
      Registrar registrar,
      TreeRepository tree,
      MeterRegistry metrics,
      Audit audit,
      PrivacyPolicies privacy,
      PrivacyStages stages) {
    this.audit = audit;
    this.privacy = privacy;
    this.stages = stages;
    this.bytes = bytes;
    this.resumable = resumable;
    this.registrar = registrar;
    this.placement = new Placement(tree, registrar);
    this.metrics = metrics;
  }

  public IngestLimits limits() {
    return bytes.limits();
  }

  /**
   * The byte pass for files that arrive over many requests (tus appends at an offset); {@link
   * #complete} ends it.
   */
  public ResumableIngest resumable() {
    return resumable;
  }

  /**
   * One file from a stream into {@code target} (a folder: a new item; an item: one more file of
   * it).
   */
  public Future<IngestResult> ingest(
      Origin origin, Resource target, ReadStream<Buffer> body, IngestOptions options) {
    return storeBytes(target, body, options.gate())
        .compose(ingested -> placed(origin, target, ingested, options))
        .recover(e -> settled(origin, null, e))
        .andThen(ar -> ended(origin, ar));
  }

  /**
   * The blocking twin of {@link #ingest}, for worker threads (jobs, SFTP): reads {@code content} to
   * its end.
   */
  public IngestResult ingestBlocking(
      Origin origin, Resource target, InputStream content, IngestOptions options)
      throws IOException {
    Ingested ingested;
    try {
      ingested = bytes.storeBlocking(content, guarded(options.gate()), stageBlocking(target));
    } catch (RuntimeException | IOException e) {
      IngestResult refused = refusal(null, e);
      if (refused == null) {
        throw e;
      }
      ended(origin, Future.succeededFuture(refused));
      return refused;
    }
    return Blocking.await(place(origin, target, ingested, options));
  }

  /**
   * As {@link #ingestBlocking}, but returns once the bytes are read: the blob's commit runs on
   * {@code commits} and its placement follows, while the caller reads the next file (a zip
   * extraction keeps a few in flight). A failure to read is thrown; a refusal comes back as a
   * result, as always.
   */
  public Future<IngestResult> ingestAhead(
      Origin origin,
      Resource target,
      InputStream content,
      IngestOptions options,
      WorkerExecutor commits)
      throws IOException {
    Ingest.Written written;
    try {
      written = bytes.writeBlocking(content, guarded(options.gate()), stageBlocking(target));
    } catch (RuntimeException | IOException e) {
      IngestResult refused = refusal(null, e);
      if (refused == null) {
        throw e;
      }
      ended(origin, Future.succeededFuture(refused));
      return Future.succeededFuture(refused);
    }
    return commits
        .executeBlocking(written::commit, false)
        .compose(
            ingested -> place(origin, target, ingested, options),
            e -> settled(origin, null, e).andThen(ar -> ended(origin, ar)));
  }

  /**
   * A file whose bytes all arrived through the {@link #resumable} byte pass, into {@code target}:
   * {@code seal} ends that pass given the privacy stage of {@code target}'s folder (null under
   * {@code accept}), asked now, when the file lands, whatever the policy was when it started; then
   * as {@link #complete(Origin, Resource, Ingested, IngestOptions)}. A refusal of the stage comes
   * back as a result and is in the audit trail like any other.
   */
  public Future<IngestResult> complete(
      Origin origin,
      Resource target,
      Function<PrivacyStage, Future<Ingested>> seal,
      IngestOptions options) {
    return privacy
        .effectiveFor(target.folderId())
        .map(stages::forFile)
        .compose(seal)
        .transform(
            received ->
                received.succeeded()
                    ? complete(origin, target, received.result(), options)
                    : settled(origin, null, received.cause()).andThen(ar -> ended(origin, ar)));
  }

  /**
   * A file whose bytes went through the {@link #resumable} byte pass, into {@code target}: the gate
   * has its say (the blob is committed already; a refused one is left to the blob sweeper), then
   * the one naming and conflict rule.
   */
  public Future<IngestResult> complete(
      Origin origin, Resource target, Ingested ingested, IngestOptions options) {
    try {
      guarded(options.gate()).check(ingested.taps());
    } catch (IngestRefusal e) {
      IngestResult refused = IngestResult.refused(IngestOutcome.REJECTED, ingested, e.reason());
      ended(origin, Future.succeededFuture(refused));
      return Future.succeededFuture(refused);
    }
    return place(origin, target, ingested, options);
  }

  /**
   * A blob whose bytes already went through a byte pass (a zip entry written ahead) into {@code
   * target}, under the same naming and conflict rule.
   */
  public Future<IngestResult> place(
      Origin origin, Resource target, Ingested ingested, IngestOptions options) {
    return placed(origin, target, ingested, options)
        .recover(e -> settled(origin, ingested, e))
        .andThen(ar -> ended(origin, ar));
  }

  /**
   * Several files of one door's run into one folder (a STOW-RS request): registered in batches, a
   * batch going once no other file of the run is still being stored or {@code maxBatch} wait.
   *
   * @param moreComing whether files of the run are still in their byte pass (and would join the
   *     next batch)
   */
  public IngestBatch batch(Resource folder, int maxBatch, BooleanSupplier moreComing) {
    return new IngestBatch(this, registrar, folder, maxBatch, moreComing);
  }

  /**
   * Streams one file through the byte pass, under the privacy policy of {@code target}'s folder
   * (asked before the first byte; the body waits paused meanwhile).
   */
  Future<Ingested> storeBytes(Resource target, ReadStream<Buffer> body, IngestGate gate) {
    body.pause();
    return privacy
        .effectiveFor(target.folderId())
        .compose(policy -> bytes.store(body, guarded(gate), stages.forFile(policy)));
  }

  /** The privacy stage for a file into {@code target}, on a worker thread. */
  private PrivacyStage stageBlocking(Resource target) {
    return stages.forFile(Blocking.await(privacy.effectiveFor(target.folderId())));
  }

  /**
   * A batched file whose name was taken (or whose batch failed on it): the one rule decides, as for
   * any file.
   */
  Future<IngestResult> resolve(
      Origin origin, Resource folder, Registration r, IngestOptions options) {
    return placement.intoFolder(folder, r, options.onConflict(), options.creator());
  }

  Future<IngestResult> settled(Origin origin, Ingested ingested, Throwable e) {
    IngestResult refused = refusal(ingested, e);
    return refused != null ? Future.succeededFuture(refused) : Future.failedFuture(e);
  }

  /** Every file's end, whatever it was: counted in the metrics and entered in the audit trail. */
  void ended(Origin origin, AsyncResult<IngestResult> ar) {
    IngestResult result = ar.succeeded() ? ar.result() : null;
    metrics
        .counter(
            "sinfonia.ingest.results",
            "door",
            origin.door(),
            "outcome",
            result == null ? "FAILED" : result.outcome().name())
        .increment();
    Throwable reason = result == null ? ar.cause() : result.reason();
    StringBuilder detail =
        new StringBuilder(origin.door())
            .append(' ')
            .append(result == null ? "FAILED" : result.outcome().name());
    if (result != null && result.file() != null) {
      detail.append(' ').append(result.file().name());
    }
    if (reason != null) {
      detail.append(": ").append(reason.getMessage());
    }
    PrivacyStage stage =
        result == null || result.ingested() == null
            ? null
            : result.ingested().tap(PrivacyStage.class).orElse(null);
    if (stage != null && result.holdsFile()) {
      detail
          .append("; privacy policy ")
          .append(stage.policy().kind().json())
          .append(stage.deidentified() ? ": de-identified" : "")
          .append(stage.findings().all().isEmpty() ? "" : ", findings recorded");
    }
    audit.recordSoon(
        origin.login(),
        null,
        "ingest",
        "file",
        result != null && result.file() != null ? result.file().id() : null,
        result != null && result.holdsFile() ? "ok" : Audit.outcome(reason),
        detail.toString());
  }

  Registration registration(Origin origin, Ingested ingested, IngestOptions options) {
    String name = options.nameFor(ingested.taps());
    return new Registration(name, mediaType(name, options, ingested), ingested, origin);
  }

  private Future<IngestResult> placed(
      Origin origin, Resource target, Ingested ingested, IngestOptions options) {
    Registration r = registration(origin, ingested, options);
    if (target.type() == ResourceType.ITEM) {
      return placement.intoItem(target, r, options.creator());
    }
    // The common case, a free name, costs no look-up: the first try is the registration itself.
    return registrar
        .register(target, r, options.creator())
        .map(file -> IngestResult.of(IngestOutcome.STORED, file, ingested))
        .recover(
            e ->
                Placement.nameTaken(e)
                    ? placement.intoFolder(target, r, options.onConflict(), options.creator())
                    : Future.failedFuture(e));
  }

  /**
   * Content beats the name: DICOM the parser recognised is DICOM; else what the door was told; else
   * the name.
   */
  private static String mediaType(String name, IngestOptions options, Ingested ingested) {
    if (ingested
        .tap(org.sinfonia.core.ingest.DicomTap.class)
        .flatMap(t -> t.header())
        .isPresent()) {
      return MediaTypes.DICOM;
    }
    return options.mediaType() != null ? options.mediaType() : MediaTypes.byName(name);
  }

  /**
   * Marks what the door's gate throws, so that it comes back as a refusal and not as a failure of
   * ingest.
   */
  private static IngestGate guarded(IngestGate gate) {
    return taps -> {
      try {
        gate.check(taps);
      } catch (RuntimeException e) {
        throw new IngestRefusal(e);
      }
    };
  }

  /** The result for a refusal, or null for a failure that is not one. */
  private static IngestResult refusal(Ingested ingested, Throwable e) {
    if (e instanceof IngestRefusal r) {
      return IngestResult.refused(IngestOutcome.REJECTED, ingested, r.reason());
    }
    if (e instanceof ApiError a) {
      return switch (a.kind()) {
        case INSUFFICIENT_STORAGE -> IngestResult.refused(IngestOutcome.STORAGE_FULL, ingested, a);
        case BAD_REQUEST, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, CONFLICT, UNPROCESSABLE ->
            IngestResult.refused(IngestOutcome.REJECTED, ingested, a);
        default -> null;
      };
    }
    if (e instanceof FileSystemException && String.valueOf(e.getMessage()).contains("No space left")
        || e instanceof IOException && String.valueOf(e.getMessage()).contains("No space left")) {
      return IngestResult.refused(
          IngestOutcome.STORAGE_FULL,
          ingested,
          ApiError.insufficientStorage("STORAGE_FULL", "the storage is full"));
    }
    return null;
  }
}
