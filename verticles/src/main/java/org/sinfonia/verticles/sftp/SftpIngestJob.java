package org.sinfonia.verticles.sftp;

import io.vertx.core.json.JsonObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.ingest.FileNames;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.core.sftp.JailPaths;
import org.sinfonia.verticles.jobs.JobCancelledException;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.verticles.jobs.JobHandler;
import org.sinfonia.web.ingest.IngestResult;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.zip.ExtractAfterUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one file dropped into an SFTP inbox, as a durable job ({@code params}: the jail path, and
 * the size and file key the file had when its upload finished).
 *
 * <ol>
 *   <li>Take the file: if it is still what was uploaded (same size and file key, not open for
 *       writing), rename it atomically into {@code work/<jobId>/}. Only one job can take a file; a
 *       job that finds the file changed, open or gone leaves it (a later close or rename has its
 *       own job).
 *   <li>Stream it through the one ingest pipeline (blob + SHA-256 + DICOM header) and record it
 *       with the {@code Registrar} in the target folder, checking WRITE now. Registration is
 *       idempotent: a file of the same content already under the chosen name counts as done, so a
 *       re-run after a crash never duplicates.
 *   <li>Move it to {@code /inbox/.done/} (or delete it); on a lasting failure move it to {@code
 *       /inbox/.failed/} with {@code NAME.error.txt} saying why.
 * </ol>
 *
 * A crash anywhere re-runs the job from the file in {@code work/<jobId>/}.
 */
final class SftpIngestJob implements JobHandler {

  static final String KIND = "sftp.ingest";
  private static final Logger LOG = LoggerFactory.getLogger(SftpIngestJob.class);
  private static final int CHUNK = 1 << 20;
  private static final long PROGRESS_EVERY = 256L << 20;

  /**
   * How a finished file leaves the inbox, how many attempts a job gets before its file is set
   * aside, and where zips dropped under a mapping with {@code extractZip} are sent for extraction.
   */
  record Options(boolean deleteIngested, int maxAttempts, ExtractAfterUpload extractions) {}

  private final SftpArea area;
  private final Predicate<Path> openForWriting;
  private final InboxTargets targets;
  private final IngestService ingest;
  private final Options options;

  SftpIngestJob(
      SftpArea area,
      Predicate<Path> openForWriting,
      InboxTargets targets,
      IngestService ingest,
      Options options) {
    this.area = area;
    this.openForWriting = openForWriting;
    this.targets = targets;
    this.ingest = ingest;
    this.options = options;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonObject run(Job job, JobContext context) throws Exception {
    String login = job.owner();
    String path = job.params().getString("path");
    JailPaths jail = area.jail(login);
    Path work = area.work(job.id());
    Path taken = work.resolve("file");
    if (!Files.exists(taken, LinkOption.NOFOLLOW_LINKS)) {
      String refused = take(job, jail, path, work, taken);
      if (refused != null) {
        return new JsonObject().put("path", path).put("skipped", refused);
      }
    }
    try {
      JsonObject result = ingestTaken(job, context, path, taken);
      dispose(jail, path, taken);
      deleteTree(work);
      return result;
    } catch (JobCancelledException e) {
      setAside(jail, path, taken, work, "CANCELLED", "the ingestion was cancelled");
      throw e;
    } catch (ApiError e) {
      setAside(jail, path, taken, work, e.code(), e.getMessage());
      return new JsonObject()
          .put("path", path)
          .put("failed", e.code())
          .put("message", e.getMessage());
    } catch (Exception e) {
      if (job.attempts() < options.maxAttempts()) {
        throw e; // transient (database, disk): the job runs again from the file in work/
      }
      setAside(jail, path, taken, work, "INTERNAL_ERROR", String.valueOf(e.getMessage()));
      return new JsonObject()
          .put("path", path)
          .put("failed", "INTERNAL_ERROR")
          .put("message", e.getMessage());
    }
  }

  /** Takes the file out of the inbox; returns why not, or null once it is in {@code work/}. */
  private String take(Job job, JailPaths jail, String path, Path work, Path taken)
      throws IOException {
    Path local;
    try {
      local = jail.resolveNoFollow(path);
    } catch (JailPaths.JailViolation e) {
      return "the path leaves the SFTP area";
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return "gone (renamed, removed or taken by another job)";
    }
    if (!attrs.isRegularFile()) {
      return "not a regular file";
    }
    JsonObject p = job.params();
    if (attrs.size() != p.getLong("size", -1L)
        || !String.valueOf(attrs.fileKey()).equals(p.getString("fileKey"))) {
      return "changed since its upload finished (a newer upload has its own job)";
    }
    if (openForWriting.test(local)) {
      return "open for writing again (its next close has its own job)";
    }
    Files.createDirectories(work);
    try {
      Files.move(local, taken, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return "gone (taken by another job)";
    }
    return null;
  }

  private JsonObject ingestTaken(Job job, JobContext context, String path, Path taken)
      throws IOException {
    InboxTargets.Target target = targets.resolve(job.owner(), path);
    long total = Files.size(taken);
    IngestResult ingested;
    try (InputStream in = new Progress(Files.newInputStream(taken), total, context)) {
      ingested =
          ingest.ingestBlocking(
              new Origin.Sftp(job.owner(), path),
              target.folder(),
              in,
              IngestOptions.named(target.fileName(), target.user().login()));
    }
    if (!ingested.holdsFile()) {
      throw ingested.reason() instanceof RuntimeException r
          ? r
          : ApiError.conflict("NOT_STORED", "%s was not stored (%s)", path, ingested.outcome());
    }
    Resource file = ingested.file();
    context.progress(new JsonObject().put("bytes", total).put("totalBytes", total), null);
    JsonObject result =
        new JsonObject()
            .put("path", path)
            .put("fileId", file.id())
            .put("itemId", file.asFile().itemId())
            .put("folderId", target.folder().id())
            .put("name", file.name())
            .put("sha256", file.asFile().sha256())
            .put("size", file.size())
            .put("outcome", ingested.outcome().name())
            .put("alreadyThere", ingested.outcome() == IngestOutcome.ALREADY_STORED);
    if (target.mapping() != null
        && target.mapping().extractZip()
        && target.fileName().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      // Also when the zip was already there (a re-run after a crash may not have queued it yet): a
      // second extraction
      // of the same zip into the same folder finds every entry in place and registers nothing
      // twice.
      Job extraction =
          JobContext.await(
              options
                  .extractions()
                  .submit(job.owner(), file, target.folder().id(), ConflictPolicy.RENAME, "sftp"));
      result.put("extractJobId", extraction.id());
    }
    LOG.info(
        "SFTP {} of {} ingested as file {} ({} bytes, {})",
        path,
        job.owner(),
        file.id(),
        file.size(),
        ingested.outcome());
    return result;
  }

  /**
   * Reads the taken file for ingest, reporting progress now and then and stopping when the job is
   * cancelled.
   */
  private static final class Progress extends FilterInputStream {
    private final long total;
    private final JobContext context;
    private long done;
    private long nextReport = PROGRESS_EVERY;

    Progress(InputStream in, long total, JobContext context) {
      super(in);
      this.total = total;
      this.context = context;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        done += n;
        if (done >= nextReport) {
          nextReport += PROGRESS_EVERY;
          context.progress(new JsonObject().put("bytes", done).put("totalBytes", total), null);
          if (context.cancelRequested()) {
            throw new JobCancelledException();
          }
        }
      }
      return n;
    }
  }

  /** Done: into {@code /inbox/.done/<same path>} or deleted, as configured. */
  private void dispose(JailPaths jail, String path, Path taken) throws IOException {
    if (options.deleteIngested()) {
      Files.deleteIfExists(taken);
      return;
    }
    moveInto(jail, InboxPaths.DONE, path, taken);
  }

  /**
   * A lasting failure: into {@code /inbox/.failed/<same path>} with {@code NAME.error.txt} beside
   * it.
   */
  private void setAside(
      JailPaths jail, String path, Path taken, Path work, String code, String message) {
    try {
      if (Files.exists(taken, LinkOption.NOFOLLOW_LINKS)) {
        Path placed = moveInto(jail, InboxPaths.FAILED, path, taken);
        String text =
            "Sinfonia could not ingest "
                + path
                + "\n"
                + "when:   "
                + Instant.now()
                + "\n"
                + "error:  "
                + code
                + "\n"
                + "reason: "
                + message
                + "\n\n"
                + "Fix the cause (e.g. the folder mapping, or your access to the target folder), then move the file back "
                + "into /inbox to try again.\n";
        Files.writeString(
            placed.resolveSibling(placed.getFileName() + ".error.txt"),
            text,
            StandardCharsets.UTF_8);
      }
      deleteTree(work);
      LOG.info("SFTP {} not ingested: {} {}", path, code, message);
    } catch (IOException e) {
      LOG.warn("SFTP {}: could not set the file aside after {}: {}", path, code, e.toString());
    }
  }

  /**
   * Moves the taken file to {@code /inbox/<dir>/<path below inbox>}, with a numbered name if that
   * is taken.
   */
  private static Path moveInto(JailPaths jail, String dir, String path, Path taken)
      throws IOException {
    List<String> parts = InboxPaths.parts(path);
    String below = String.join("/", parts.subList(1, parts.size()));
    Path target = jail.resolve("/" + InboxPaths.INBOX + "/" + dir + "/" + below);
    Files.createDirectories(target.getParent());
    for (int n = 1; n <= 10_000; n++) {
      Path candidate =
          target.resolveSibling(FileNames.numbered(target.getFileName().toString(), n));
      // An atomic rename replaces an existing file on POSIX systems, so look first.
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
          || Files.exists(
              candidate.resolveSibling(candidate.getFileName() + ".error.txt"),
              LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Files.move(taken, candidate, StandardCopyOption.ATOMIC_MOVE);
        return candidate;
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the SFTP work folder and the jails must share one file system", e);
      }
    }
    throw new IOException("no free name for " + path + " in " + dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
