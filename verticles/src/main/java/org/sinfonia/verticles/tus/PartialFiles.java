package org.sinfonia.verticles.tus;

import java.nio.channels.SeekableByteChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.web.tus.TusErrors;

/**
 * The bytes of unfinished uploads, one file per upload, in a directory on the blob store's file system so a
 * finished one is renamed into the store, never copied. Blocking: worker threads only.
 *
 * <p>Durability rule (see {@link org.sinfonia.core.upload.DurableOffset}): the offset a node trusts is never ahead of what this file
 * holds. A file may hold more than that after a crash; opening it for the next PATCH cuts it back to the offset.
 */
final class PartialFiles {

  private static final String SUFFIX = ".upload";
  /** Replays read this much at a time: large enough for SHA-256 to run at full speed. */
  private static final int REPLAY_CHUNK = 1 << 20;

  private final Path dir;

  /** @param dir made ready by {@link #prepare} */
  PartialFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the directory and checks that finished uploads can be handed to the blob store: renamed into a
   * file-system store (so it must share its file system), copied into any other. Blocking.
   */
  static void prepare(Path dir, BlobStore blobs) throws IOException {
    Files.createDirectories(dir);
    try {
      blobs.checkAdoptable(dir);
    } catch (IOException e) {
      throw new IOException("tus.uploadDir: " + e.getMessage(), e);
    }
  }

  Path path(String id) {
    return dir.resolve(id + SUFFIX);
  }

  boolean exists(String id) {
    return Files.isRegularFile(path(id));
  }

  void create(String id) throws IOException {
    Files.newByteChannel(path(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
  }

  /** Opens the file to append at {@code offset}, cutting off bytes past it that were never recorded. */
  FileChannel openAt(String id, long offset) throws IOException {
    if (!exists(id)) {
      throw TusErrors.bytesLost(id);
    }
    FileChannel channel = FileChannel.open(path(id), StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < offset) {
        throw TusErrors.bytesLost(id);
      }
      if (size > offset) {
        channel.truncate(offset);
        channel.force(false);
      }
      channel.position(offset);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Rebuilds the one-pass state of the first {@code length} bytes of a file (after a restart, or when another
   * node took the upload over): the only re-reading of upload bytes there is.
   */
  static RunningIngest replay(Path file, long length, RunningIngest into) throws IOException {
    return replay(BlobSource.of(file), length, into);
  }

  static RunningIngest replay(BlobSource file, long length, RunningIngest into) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(REPLAY_CHUNK);
    try (SeekableByteChannel channel = file.open()) {
      long at = 0;
      while (at < length) {
        buffer.clear().limit((int) Math.min(REPLAY_CHUNK, length - at));
        int n = channel.read(buffer);
        if (n < 0) {
          throw new IOException(file + " ends at " + at + ", before " + length);
        }
        buffer.flip();
        into.feed(buffer);
        at += n;
      }
    }
    return into;
  }

  /** Makes the file's bytes durable. */
  void sync(String id) throws IOException {
    try (FileChannel channel = FileChannel.open(path(id), StandardOpenOption.WRITE)) {
      channel.force(false);
    }
  }

  void delete(String id) throws IOException {
    Files.deleteIfExists(path(id));
  }
}
