package org.sinfonia.web.zip;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.upload.UploadMetadataKeys;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.repo.Resource;

/**
 * Upload-and-extract, the same for every door: once a door has stored and registered an uploaded
 * file and the uploader asked for extraction, it calls {@link #submit}, which queues the durable
 * extraction job for that file into the folder it was uploaded to. The zip itself stays as a file
 * there (the job reads it, and resumes from it after a crash); delete it once the job is done if it
 * is not wanted.
 *
 * <p>Doors: the streamed upload ({@code POST
 * /folders/{id}/files?name=x.zip&extract=true[&onConflict=...]}), tus ({@code Upload-Metadata} keys
 * {@code extract} and {@code onConflict}, checked at creation, acted on at completion) and the SFTP
 * drop folders (mappings with {@code extractZip}).
 */
public final class ExtractAfterUpload {

  /** The query parameter / upload metadata key that asks for extraction. */
  public static final String FLAG = UploadMetadataKeys.EXTRACT;

  /** The query parameter / upload metadata key for the conflict policy. */
  public static final String ON_CONFLICT = UploadMetadataKeys.ON_CONFLICT;

  private final JobSubmitter jobs;

  public ExtractAfterUpload(JobSubmitter jobs) {
    this.jobs = jobs;
  }

  /**
   * Whether a door's {@code extract} value asks for extraction: {@code true}, {@code 1} or {@code
   * yes}.
   */
  public static boolean requested(String flag) {
    if (flag == null) {
      return false;
    }
    String f = flag.strip().toLowerCase(java.util.Locale.ROOT);
    return f.equals("true") || f.equals("1") || f.equals("yes");
  }

  /**
   * What a door's options ({@code extract}, {@code onConflict}) ask for: the policy when extraction
   * is wanted, empty when not. Throws {@code 400 INVALID_ON_CONFLICT} for an unknown policy, so a
   * door can refuse it up front.
   */
  public static Optional<ConflictPolicy> wanted(Map<String, String> options) {
    if (!requested(options.get(FLAG))) {
      return Optional.empty();
    }
    return Optional.of(ConflictPolicy.parse(options.get(ON_CONFLICT)));
  }

  /**
   * Queues the extraction of {@code file} (just registered by {@code owner}) into {@code folderId}.
   *
   * @param origin the door: {@code upload}, {@code tus}, {@code sftp}
   */
  public Future<Job> submit(
      String owner, Resource file, String folderId, ConflictPolicy policy, String origin) {
    return jobs.submit(
        ExtractionJob.KIND, owner, new ExtractionJob(file.id(), folderId, policy, origin).toJson());
  }
}
