package org.sinfonia.verticles.extract;

import static org.sinfonia.verticles.jobs.JobContext.await;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.zip.ExtractionOptions;
import org.sinfonia.core.zip.ExtractionProgress;
import org.sinfonia.core.zip.ExtractionResult;
import org.sinfonia.core.zip.ResumePoint;
import org.sinfonia.core.zip.ZipExtractor;
import org.sinfonia.verticles.jobs.JobCancelledException;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.verticles.jobs.JobFailedException;
import org.sinfonia.verticles.jobs.JobHandler;
import org.sinfonia.web.auth.UserRepository;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.ResourceAccess;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.zip.ExtractionJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a stored zip into a folder, as a durable job ({@code zip.extract}; parameters: {@link
 * ExtractionJob}).
 *
 * <ol>
 *   <li>Loads the owner's directory facts, the zip (READ) and the target folder (WRITE, checked
 *       now, whatever was true when the job was asked for). A lasting problem (gone, access
 *       withdrawn) fails the job at once.
 *   <li>Runs {@link ZipExtractor} over the zip's blob through its central directory (random access,
 *       everything archive-wide checked before the first entry) into a {@link TreeSink}: folders
 *       recreated, each file streamed through the ingest pipeline and registered as through any
 *       door.
 *   <li>Checkpoints {@code {entries, bytes, counts}} after every entry that changed something (and
 *       at least every second), which is also where the job hears of a cancellation. A resumed run
 *       passes over the checkpointed entries without reading them; the one entry that may have been
 *       registered after the last checkpoint is recognised by name and SHA-256 and not registered
 *       again.
 * </ol>
 *
 * An archive the guards refuse fails the job at once with the guard's code (entries extracted
 * before a mid-way refusal stay); a cancelled job keeps what it extracted, whole entries only.
 */
public final class ExtractJob implements JobHandler {

  /**
   * The stores an extraction writes into, and the workers that commit its blobs (the ingest pool).
   */
  public record Parts(
      TreeRepository tree, IngestService ingest, BlobStore blobs, WorkerExecutor commits) {}

  private static final Logger LOG = LoggerFactory.getLogger(ExtractJob.class);
  private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

  private final UserRepository users;
  private final ResourceAccess access;
  private final Parts parts;
  private final ZipExtractor extractor;

  public ExtractJob(
      UserRepository users, ResourceAccess access, Parts parts, ZipExtractor extractor) {
    this.users = users;
    this.access = access;
    this.parts = parts;
    this.extractor = extractor;
  }

  @Override
  public String kind() {
    return ExtractionJob.KIND;
  }

  @Override
  public JsonObject run(Job job, JobContext context) throws IOException {
    ExtractionJob params = ExtractionJob.fromJson(job.params());
    Principal owner;
    Resource zip;
    Resource target;
    try {
      owner =
          await(users.find(job.owner()))
              .orElseThrow(
                  () -> ApiError.notFound("USER_NOT_FOUND", "no record for user %s", job.owner()))
              .principal();
      zip = await(access.load(owner, ResourceType.FILE, params.fileId(), Level.READ)).resource();
      target =
          await(access.load(owner, ResourceType.FOLDER, params.folderId(), Level.WRITE)).resource();
    } catch (ApiError e) {
      if (e.kind() == ApiError.Kind.UNAVAILABLE) {
        throw e; // the database did not answer in time: the job runs again
      }
      throw new JobFailedException(e.code() + ": " + e.getMessage(), e);
    }
    JsonObject checkpoint = job.checkpoint();
    ResumePoint resume =
        new ResumePoint(checkpoint.getLong("entries", 0L), checkpoint.getLong("bytes", 0L));
    ExtractCounts counts = ExtractCounts.from(checkpoint.getJsonObject("counts"));
    Run run =
        new Run(job, context, params, counts, resume, extractor.limits().maxReportedProblems());
    TreeSink sink =
        new TreeSink(
            parts.tree(),
            new EntryPlacement(
                parts.ingest(), parts.commits(), params.onConflict(), owner.login(), zip.id()),
            owner,
            target,
            parts.ingest().limits().maxFileBytes(),
            counts,
            run::problem,
            run::position);
    run.sink = sink;
    if (resume.entries() > 0) {
      LOG.info(
          "zip job {} resumes after entry {} of file {}", job.id(), resume.entries(), zip.id());
    }
    ExtractionResult result;
    try (SeekableByteChannel archive = parts.blobs().open(zip.asFile().sha256())) {
      result =
          extractor.extract(
              archive,
              sink,
              ExtractionOptions.DEFAULT
                  .resumingFrom(resume)
                  .cancelledWhen(context::cancelRequested)
                  .reportingTo(run::progress));
      sink.finish();
    } catch (NoSuchFileException e) {
      throw new JobFailedException("ZIP_BLOB_MISSING: the zip's stored bytes are gone", e);
    } catch (IOException | RuntimeException e) {
      sink.abandon();
      throw e;
    }
    run.report(true);
    return switch (result.outcome()) {
      case COMPLETED -> {
        JsonObject done = run.summary().put("skippedEntries", result.skippedCount());
        LOG.info(
            "zip job {} extracted file {} into folder {}: {}",
            job.id(),
            zip.id(),
            target.id(),
            done.encode());
        yield done;
      }
      case CANCELLED -> throw new JobCancelledException();
      case REFUSED -> {
        ApiError refusal = result.refusal();
        context.error(
            new JsonObject()
                .put("error", refusal.code())
                .put("message", refusal.getMessage())
                .put("archive", true));
        throw new JobFailedException(refusal.code() + ": " + refusal.getMessage(), refusal);
      }
    };
  }

  /** The progress, checkpoints and error reports of one attempt. */
  private static final class Run {
    private final Job job;
    private final JobContext context;
    private final ExtractionJob params;
    private final ExtractCounts counts;
    private final int maxReported;
    private TreeSink sink;
    private ExtractionProgress last;
    private long lastReport = System.nanoTime();

    Run(
        Job job,
        JobContext context,
        ExtractionJob params,
        ExtractCounts counts,
        ResumePoint resume,
        int maxReported) {
      this.job = job;
      this.context = context;
      this.params = params;
      this.counts = counts;
      this.maxReported = maxReported;
      this.last = new ExtractionProgress(resume.entries(), -1, resume.bytes(), -1, 0);
    }

    /** Entries finished and their bytes, as the extractor last reported. */
    ResumePoint position() {
      return last.resumePoint();
    }

    void progress(ExtractionProgress p) {
      last = p;
      boolean betweenEntries = p.entryBytes() == 0;
      boolean due = System.nanoTime() - lastReport >= REPORT_EVERY_NANOS;
      if (betweenEntries && sink.takeChanged()) {
        report(true);
      } else if (due) {
        report(betweenEntries);
      }
    }

    /**
     * Stores the progress, and with {@code checkpoint} the point a resumed run starts from
     * (finished entries only).
     */
    void report(boolean checkpoint) {
      lastReport = System.nanoTime();
      ResumePoint confirmed = sink.confirmed(last.resumePoint());
      JsonObject point =
          checkpoint
              ? new JsonObject()
                  .put("entries", confirmed.entries())
                  .put("bytes", confirmed.bytes())
                  .put("counts", counts.toJson())
              : null;
      context.progress(summary().put("entryBytes", last.entryBytes()), point);
    }

    JsonObject summary() {
      return new JsonObject()
          .put("fileId", params.fileId())
          .put("folderId", params.folderId())
          .put("onConflict", params.onConflict().wire())
          .put("entriesDone", last.entriesDone())
          .put("entriesTotal", last.entriesTotal())
          .put("bytesDone", last.bytesDone())
          .put("bytesTotal", last.bytesTotal())
          .mergeIn(counts.toJson());
    }

    /**
     * One entry not extracted: listed in the job's errors (the first {@code
     * zip.maxReportedProblems}; all are counted).
     */
    void problem(long index, String entry, String code, String message) {
      if (counts.problems <= maxReported) {
        context.error(
            new JsonObject()
                .put("entry", entry)
                .put("index", index)
                .put("error", code)
                .put("message", message));
      }
      if (counts.problems == maxReported + 1) {
        LOG.info(
            "zip job {}: more than {} entries not extracted, the rest are only counted",
            job.id(),
            maxReported);
      }
    }
  }
}
