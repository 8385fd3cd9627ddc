package org.sinfonia.web.tus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.ingest.Ingested;

/**
 * Where uploads live (the tus core and creation). The handler calls it only while it holds the
 * upload's lock ({@link UploadLocks}), checks headers and offsets itself, and knows nothing of
 * files or documents. Optional extensions are separate interfaces a store may also implement
 * ({@link TerminatingStore}, {@link ConcatenatingStore}, {@link LengthDeferringStore}, {@link
 * ExpiringStore}, {@link ChecksummingStore}).
 */
public interface UploadStore {

  Future<UploadState> create(NewUpload upload);

  Future<Optional<UploadState>> find(String id);

  /**
   * Streams {@code body} onto the end of the upload (which is at {@code upload.offset()}), at most
   * up to its length. The bytes that arrived are recorded even when the body breaks off (that case
   * fails with an {@code UPLOAD_INTERRUPTED} error after recording); a store may answer before they
   * are synced, as long as the offset it reports after any crash is one the file really holds. With
   * a checksum, the PATCH's bytes are kept only if they match (otherwise they are discarded and the
   * offset stays).
   */
  Future<UploadState> append(
      UploadState upload, ReadStream<Buffer> body, Optional<UploadChecksum> checksum);

  /**
   * Every byte has arrived: finishes the one-pass ingest (SHA-256, taps) and moves the file into
   * the blob store, without copying it. Idempotent, so a completion a crash interrupted can be run
   * again.
   *
   * @param privacy the destination's privacy stage, or null under {@code accept}: with one, the
   *     received bytes are read once more through it into a new blob (under {@code deidentify}, the
   *     rewrite) and stay until {@link #registered}
   */
  Future<Ingested> complete(UploadState upload, PrivacyStage privacy);

  /**
   * Records the repository file made from a completed upload; what is left of its received bytes
   * goes.
   */
  Future<UploadState> registered(UploadState upload, String fileId);
}
