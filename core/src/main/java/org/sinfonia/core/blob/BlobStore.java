package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

  /**
   * Moves an unreferenced blob aside before it is removed for good, so that it can still be put back if a file
   * took a reference to it meanwhile; false if it was not there.
   */
  boolean retire(String sha256) throws IOException;

  /** Puts a retired blob back (or drops it when the same content has been stored again since). */
  void restore(String sha256) throws IOException;

  /** Removes a retired blob for good. */
  void purgeRetired(String sha256) throws IOException;

  /** The content addresses of blobs retired but not yet restored or purged (after a crash, say). */
  List<String> retired() throws IOException;

  /** Deletes temporaries left behind by a crash; returns how many were removed. */
  int removeTemporaries() throws IOException;

  /** Throws if the store cannot accept writes (used by the health check). */
  void checkWritable() throws IOException;
}
