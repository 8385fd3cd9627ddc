package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Partial blobs as one file each in a directory on the blob store's file system, so that a finished
 * one is renamed into a file-system store, never copied (any other store gets a copy).
 */
public final class FsPartialBlobs implements PartialBlobs {

  private static final String SUFFIX = ".upload";

  private final Path dir;
  private final BlobStore blobs;

  public FsPartialBlobs(Path dir, BlobStore blobs) {
    this.dir = dir;
    this.blobs = blobs;
  }

  /** Creates the directory and checks that it shares the file-system store's file system. */
  @Override
  public void prepare() throws IOException {
    Files.createDirectories(dir);
    blobs.checkAdoptable(dir);
  }

  Path path(String id) {
    return dir.resolve(id + SUFFIX);
  }

  @Override
  public boolean exists(String id) {
    return Files.isRegularFile(path(id));
  }

  @Override
  public void create(String id) throws IOException {
    Files.newByteChannel(path(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
  }

  @Override
  public PartialBlob openAt(String id, long offset) throws IOException {
    if (!exists(id)) {
      throw new PartialBlobLost(id);
    }
    FileChannel channel =
        FileChannel.open(path(id), StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < offset) {
        throw new PartialBlobLost(id);
      }
      if (size > offset) {
        channel.truncate(offset);
        channel.force(false);
      }
      channel.position(offset);
      return new FilePartialBlob(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public BlobSource source(String id) {
    return BlobSource.of(path(id));
  }

  @Override
  public void sync(String id) throws IOException {
    try (FileChannel channel = FileChannel.open(path(id), StandardOpenOption.WRITE)) {
      channel.force(false);
    }
  }

  @Override
  public Blob commit(String id, String sha256, long length) throws IOException {
    return blobs.adopt(path(id), sha256, length);
  }

  @Override
  public void delete(String id) throws IOException {
    Files.deleteIfExists(path(id));
  }

  private record FilePartialBlob(FileChannel channel) implements PartialBlob {

    @Override
    public int write(ByteBuffer src) throws IOException {
      return channel.write(src);
    }

    @Override
    public void force() throws IOException {
      channel.force(false);
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public void truncate(long size) throws IOException {
      channel.truncate(size);
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
