package org.sinfonia.core.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed storage of file bytes, whatever holds them (a file system, memory, later an
 * object store). Blocking by design: callers run it on worker threads. A blob becomes visible only
 * once its bytes are durable under their final address, so a crash never leaves a partial blob;
 * temporaries left by a crash are removed at start-up. Readers get bytes through {@link #open} (any
 * position: ranges, frames, zip directories); a store whose blobs are local files may also say
 * where they are ({@link #localFile}), which lets HTTP send them zero-copy and SFTP exports
 * hard-link them.
 */
public interface BlobStore {

  /** Opens a writer for new content; the content address is known when it is committed. */
  BlobWriter create() throws IOException;

  /** Opens a stored blob for reading at any position. */
  SeekableByteChannel open(String sha256) throws IOException;

  /** The blob's size, or empty when it is not stored. */
  Optional<Blob> stat(String sha256) throws IOException;

  boolean exists(String sha256);

  /** {@code length} bytes from {@code offset}, as a stream (closing it closes the channel). */
  default InputStream openRange(String sha256, long offset, long length) throws IOException {
    SeekableByteChannel channel = open(sha256);
    channel.position(offset);
    return new BoundedInputStream(Channels.newInputStream(channel), length);
  }

  /**
   * Optional capability: the local file that holds the blob, for zero-copy sends and hard links.
   * Callers must work without it (streaming from {@link #open}).
   */
  default Optional<Path> localFile(String sha256) {
    return Optional.empty();
  }

  /**
   * Takes over a complete local file (a finished resumable upload) whose SHA-256 the caller
   * computed. The file is gone afterwards: moved into place by a store on the same file system,
   * copied by any other.
   */
  Blob adopt(Path file, String sha256, long size) throws IOException;

  /**
   * Throws, naming the problem, when files in {@code dir} can never be adopted (checked at
   * start-up).
   */
  default void checkAdoptable(Path dir) throws IOException {
    // a store that copies adopted files takes them from anywhere
  }

  /**
   * Moves an unreferenced blob aside before it is removed for good, so that it can still be put
   * back if a file took a reference to it meanwhile; false if it was not there.
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
