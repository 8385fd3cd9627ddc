package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes one temporary file while hashing it; see {@link BlobWriter}. Not thread-safe: one writer
 * per stream.
 */
final class FsBlobWriter implements BlobWriter {

  private final FsBlobStore store;
  private final Path temp;
  private final FileChannel channel;
  private final MessageDigest sha256;
  private long size;
  private boolean done;

  FsBlobWriter(FsBlobStore store, Path temp, FileChannel channel) {
    this.store = store;
    this.temp = temp;
    this.channel = channel;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public void write(ByteBuffer bytes) throws IOException {
    ensureOpen();
    sha256.update(bytes.duplicate());
    while (bytes.hasRemaining()) {
      size += channel.write(bytes);
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void syncSoFar() throws IOException {
    ensureOpen();
    channel.force(false);
  }

  @Override
  public Blob commit() throws IOException {
    ensureOpen();
    done = true;
    try (channel) {
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    String hex = HexFormat.of().formatHex(sha256.digest());
    return store.install(temp, hex, size);
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // the temporary is deleted below either way
    }
    FsBlobStore.deleteQuietly(temp);
  }

  @Override
  public void close() {
    abort();
  }

  private void ensureOpen() {
    if (done) {
      throw new IllegalStateException("blob writer already committed or aborted");
    }
  }
}
