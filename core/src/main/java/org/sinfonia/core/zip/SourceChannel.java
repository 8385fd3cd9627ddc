package org.sinfonia.core.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The stored archive as Commons Compress sees it: reads only, failures marked as source failures.
 */
final class SourceChannel implements SeekableByteChannel {

  private final SeekableByteChannel channel;

  SourceChannel(SeekableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return channel.read(dst);
    } catch (IOException e) {
      throw new ArchiveSourceException(e);
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    throw new IOException("the archive is read-only here");
  }

  @Override
  public long position() throws IOException {
    try {
      return channel.position();
    } catch (IOException e) {
      throw new ArchiveSourceException(e);
    }
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    try {
      channel.position(newPosition);
      return this;
    } catch (IOException e) {
      throw new ArchiveSourceException(e);
    }
  }

  @Override
  public long size() throws IOException {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new ArchiveSourceException(e);
    }
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    throw new IOException("the archive is read-only here");
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  /** The caller owns the channel; Commons Compress closing its ZipFile must not close it. */
  @Override
  public void close() {}
}
