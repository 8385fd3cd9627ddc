package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.dicomweb.QidoQuery;

/**
 * The DICOM index as the DICOMweb handlers read it; every answer holds only what the scope may read
 * (a study or series is the merge of the per-folder parts the caller can read, counts included).
 * Implemented over MongoDB in {@code verticles}.
 */
public interface DicomIndexReader {

  /** Search results: full attribute sets (computed attributes included) of the page asked for. */
  record Matches(List<QidoMatch> results, boolean truncated) {}

  /**
   * One stored instance, enough to send its file, frames or bulk data, and the repository file that
   * holds it.
   */
  record StoredInstance(
      String studyUid,
      String seriesUid,
      String sopInstanceUid,
      String sopClassUid,
      String transferSyntaxUid,
      String sha256,
      long size,
      JsonObject pixelData,
      JsonObject attrs,
      String fileId,
      String folderId) {}

  /** A metadata response: a DICOM JSON array (BulkDataURIs absolute) and its entity tag. */
  record Metadata(Buffer json, String etag) {}

  /**
   * A QIDO-RS search at the query's level, inside a study and/or series when their UIDs are given
   * (null otherwise): matched, ordered (newest study first, then by number and UID) and paged.
   */
  Future<Matches> search(DicomScope scope, QidoQuery query, String studyUid, String seriesUid);

  /**
   * The readable instances of a study, series or single instance (UIDs below the level are null),
   * in order.
   */
  Future<List<StoredInstance>> instances(
      DicomScope scope, String studyUid, String seriesUid, String sopInstanceUid);

  /**
   * The metadata of the readable instances of a study, series or instance, taken from the index
   * (never from the files, except for headers too large to keep there), with BulkDataURIs under
   * {@code rootUrl}; empty when nothing readable matches. Cached per series and scope.
   */
  Future<Optional<Metadata>> metadata(
      DicomScope scope, String rootUrl, String studyUid, String seriesUid, String sopInstanceUid);
}
