package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Content-addressed storage of file bytes. Blocking by design: callers run it on worker threads. A blob
 * becomes visible only once its bytes are synced and renamed into place, so a crash never leaves a
 * partial blob under its final name; temporaries left by a crash are removed at start-up.
 */
public interface BlobStore {

  /** Opens a writer for new content; the content address is known when it is committed. */
  BlobWriter create() throws IOException;

  /** Where the blob's bytes can be read from (ranges, zero-copy sends). */
  Path path(String sha256);

  boolean exists(String sha256);

  /** Removes the blob; the caller has checked that no file references it any more. */
  boolean delete(String sha256) throws IOException;

  /** Deletes temporaries left behind by a crash; returns how many were removed. */
  int removeTemporaries() throws IOException;

  /** Throws if the store cannot accept writes (used by the health check). */
  void checkWritable() throws IOException;
}
