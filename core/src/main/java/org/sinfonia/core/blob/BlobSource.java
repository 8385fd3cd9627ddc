package org.sinfonia.core.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a reader gets the bytes of one stored file: opened for reading at any position, whichever
 * store holds it. Readers (header parser, renderers, zip listing) take a source instead of a path,
 * so they work on any {@link BlobStore}. Each call opens a new channel that the caller closes.
 */
@FunctionalInterface
public interface BlobSource {

  SeekableByteChannel open() throws IOException;

  /** The whole content as a stream (closing it closes the channel). */
  default InputStream stream() throws IOException {
    return Channels.newInputStream(open());
  }

  static BlobSource of(Path file) {
    return () -> FileChannel.open(file, StandardOpenOption.READ);
  }

  static BlobSource of(BlobStore store, String sha256) {
    return () -> store.open(sha256);
  }
}
