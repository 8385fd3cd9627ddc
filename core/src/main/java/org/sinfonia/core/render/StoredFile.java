package org.sinfonia.core.render;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * The stored DICOM file, opened for reading byte ranges with positional reads: only the ranges
 * asked for are read, never the rest of the file, and a file shorter than its header claims is
 * reported as truncated.
 */
public final class StoredFile {

  private final SeekableByteChannel channel;
  private final boolean bigEndian;

  /**
   * @param bigEndian true if the data set is Explicit VR Big Endian: words in the file are swapped
   */
  public StoredFile(SeekableByteChannel channel, boolean bigEndian) {
    this.channel = channel;
    this.bigEndian = bigEndian;
  }

  public boolean bigEndian() {
    return bigEndian;
  }

  public long size() throws IOException {
    return channel.size();
  }

  /**
   * The file from {@code offset} on as a stream, for data that must be read in order (a deflated
   * data set). Closing the stream leaves the file open.
   */
  public InputStream streamFrom(long offset) throws IOException {
    channel.position(offset);
    return new FilterInputStream(Channels.newInputStream(channel)) {
      @Override
      public void close() {
        // the channel belongs to whoever opened the stored file
      }
    };
  }

  /** The bytes of {@code ranges}, one after the other. */
  public byte[] read(List<ByteRange> ranges) throws IOException, RenderException {
    long total = 0;
    for (ByteRange range : ranges) {
      total += range.length();
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new RenderException(
          RenderFailure.Code.BAD_PIXEL_DESCRIPTION, "a frame of " + total + " bytes");
    }
    long size = channel.size();
    byte[] bytes = new byte[(int) total];
    ByteBuffer target = ByteBuffer.wrap(bytes);
    for (ByteRange range : ranges) {
      if (range.offset() < 0 || range.end() > size) {
        throw new RenderException(
            RenderFailure.Code.TRUNCATED_PIXEL_DATA,
            "bytes "
                + range.offset()
                + ".."
                + range.end()
                + " asked of a file of "
                + size
                + " bytes");
      }
      target.limit(target.position() + (int) range.length());
      long position = range.offset();
      while (target.hasRemaining()) {
        int n = channel.position(position).read(target);
        if (n < 0) {
          throw new RenderException(
              RenderFailure.Code.TRUNCATED_PIXEL_DATA, "file ended at " + position);
        }
        position += n;
      }
    }
    return bytes;
  }

  public byte[] read(ByteRange range) throws IOException, RenderException {
    return read(List.of(range));
  }

  /** A value of 16-bit words (OW, US), in little endian order whatever the file's. */
  public byte[] readLittleEndianWords(ByteRange range) throws IOException, RenderException {
    byte[] bytes = read(range);
    if (bigEndian) {
      for (int i = 0; i + 1 < bytes.length; i += 2) {
        byte first = bytes[i];
        bytes[i] = bytes[i + 1];
        bytes[i + 1] = first;
      }
    }
    return bytes;
  }
}
