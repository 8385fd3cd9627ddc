package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the bytes of one new blob, hashing them as they pass (one pass over the data). Either
 * {@link #commit()} or {@link #abort()} ends it; {@link #close()} aborts an uncommitted writer.
 */
public interface BlobWriter extends AutoCloseable {

  void write(ByteBuffer bytes) throws IOException;

  /** Bytes written so far. */
  long size();

  /** Syncs what is written so far, so the final sync after the last byte has little left to do. */
  void syncSoFar() throws IOException;

  /**
   * Syncs, names the content by its SHA-256 and moves it into place (deduplicating identical
   * content).
   */
  Blob commit() throws IOException;

  void abort();

  @Override
  void close();
}
