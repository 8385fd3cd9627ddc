package org.sinfonia.web.zip;

import io.vertx.core.Future;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.repo.Resource;

/**
 * Upload-and-extract, the same for every door: once a door has stored and registered an uploaded file and the
 * uploader asked for extraction, it calls {@link #submit}, which queues the durable extraction job for that file into
 * the folder it was uploaded to. The zip itself stays as a file there (the job reads it, and resumes from it after a
 * crash); delete it once the job is done if it is not wanted.
 *
 * <p>Doors: the streamed upload ({@code POST /folders/{id}/files?name=x.zip&extract=true[&onConflict=...]}), the SFTP
 * drop folders (mappings with {@code extractZip}), and tus ({@code Upload-Metadata: extract dHJ1ZQ==}, i.e.
 * {@code extract=true}, plus optional {@code onConflict}): the tus door calls {@link #requested} with its metadata
 * values and {@link #submit} once the upload is registered.
 */
public final class ExtractAfterUpload {

  /** The query parameter / upload metadata key that asks for extraction. */
  public static final String FLAG = "extract";
  /** The query parameter / upload metadata key for the conflict policy. */
  public static final String ON_CONFLICT = "onConflict";

  private final JobSubmitter jobs;

  public ExtractAfterUpload(JobSubmitter jobs) {
    this.jobs = jobs;
  }

  /** Whether a door's {@code extract} value asks for extraction: {@code true}, {@code 1} or {@code yes}. */
  public static boolean requested(String flag) {
    if (flag == null) {
      return false;
    }
    String f = flag.strip().toLowerCase(java.util.Locale.ROOT);
    return f.equals("true") || f.equals("1") || f.equals("yes");
  }

  /**
   * Queues the extraction of {@code file} (just registered by {@code owner}) into {@code folderId}.
   *
   * @param origin the door: {@code upload}, {@code tus}, {@code sftp}
   */
  public Future<Job> submit(String owner, Resource file, String folderId, ConflictPolicy policy, String origin) {
    return jobs.submit(ExtractionJob.KIND, owner, new ExtractionJob(file.id(), folderId, policy, origin).toJson());
  }
}
