package org.sinfonia.core.blob;

import java.io.IOException;

/**
 * Where blobs that are still being written over many requests live (resumable uploads) until their
 * last byte is in and they are committed to the {@link BlobStore} under their content address. What
 * a shared or object store needs to implement for resumable writes: create, append at an offset,
 * read back, make durable, commit, delete. Blocking: worker threads only.
 *
 * <p>Durability rule: an offset that was recorded is never ahead of what the partial blob holds
 * once it was synced; it may hold more after a crash, and {@link #openAt} cuts that off.
 */
public interface PartialBlobs {

  /**
   * Checks, at start-up, that the partial blobs can be committed to the store they are meant for.
   */
  void prepare() throws IOException;

  void create(String id) throws IOException;

  boolean exists(String id);

  /**
   * Opens the partial blob to append at {@code offset}, cutting off bytes past it that were never
   * recorded.
   *
   * @throws PartialBlobLost if the blob is gone or shorter than {@code offset}
   */
  PartialBlob openAt(String id, long offset) throws IOException;

  /** Reads back what was written (a rebuild of the running hash, a concatenation of parts). */
  BlobSource source(String id);

  /** Makes every byte written so far durable. */
  void sync(String id) throws IOException;

  /**
   * Moves a finished, synced partial blob into the blob store under its content address (renamed
   * where possible).
   */
  Blob commit(String id, String sha256, long length) throws IOException;

  void delete(String id) throws IOException;
}
