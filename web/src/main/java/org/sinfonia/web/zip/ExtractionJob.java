package org.sinfonia.web.zip;

import io.vertx.core.json.JsonObject;
import org.sinfonia.core.ingest.ConflictPolicy;

/**
 * The zip extraction job as stored: its kind, and the parameters every door writes the same way.
 * The worker ({@code verticles/extract/ExtractJob}) reads them back with {@link #fromJson}.
 *
 * @param fileId the zip (a file of the repository; READ was checked when the job was asked for)
 * @param folderId where its entries go (WRITE was checked then, and is checked again when the job
 *     runs)
 * @param onConflict what a name already taken in its folder gets
 * @param origin which door asked: {@code api}, {@code upload}, {@code tus}, {@code sftp}
 */
public record ExtractionJob(
    String fileId, String folderId, ConflictPolicy onConflict, String origin) {

  /** The job kind the extraction worker consumes. */
  public static final String KIND = "zip.extract";

  public JsonObject toJson() {
    return new JsonObject()
        .put("fileId", fileId)
        .put("folderId", folderId)
        .put("onConflict", onConflict.wire())
        .put("origin", origin);
  }

  public static ExtractionJob fromJson(JsonObject params) {
    return new ExtractionJob(
        params.getString("fileId"),
        params.getString("folderId"),
        ConflictPolicy.parse(params.getString("onConflict")),
        params.getString("origin", "api"));
  }
}
