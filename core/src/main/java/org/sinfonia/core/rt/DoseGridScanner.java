package org.sinfonia.core.rt;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.render.ByteRange;
import org.sinfonia.core.render.DicomRenderer;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.StoredFile;

/**
 * Reads the planes of a native RT Dose grid one at a time from the stored file (memory stays one
 * plane however large the grid), as stored values: 16 or 32 bits, signed or not, either byte order.
 */
final class DoseGridScanner implements AutoCloseable {

  /** Receives each plane's stored values. */
  interface PlaneVisitor {
    void plane(int frameIndex, long[] storedValues);
  }

  private final SeekableByteChannel channel;
  private final StoredFile file;
  private final PixelDescription description;
  private final DicomValue.BulkData pixelData;

  private DoseGridScanner(
      SeekableByteChannel channel,
      StoredFile file,
      PixelDescription description,
      DicomValue.BulkData pixelData) {
    this.channel = channel;
    this.file = file;
    this.description = description;
    this.pixelData = pixelData;
  }

  static DoseGridScanner open(BlobSource storedFile, DicomDataset header)
      throws RtObjectException, IOException {
    PixelDescription description;
    try {
      description = PixelDescription.of(header);
    } catch (RenderException e) {
      throw new RtObjectException("dose grid: " + e.failure().describe(), e);
    }
    if (!description.isMonochrome() || description.bitsAllocated() < 16) {
      throw new RtObjectException(
          "dose grid of "
              + description.bitsAllocated()
              + "-bit "
              + description.photometric().dicomName()
              + " (16 or 32-bit MONOCHROME2 expected)");
    }
    Object value = header.find(DicomTags.PIXEL_DATA).map(element -> element.value()).orElse(null);
    long gridLength = description.frameLength() * description.frames();
    if (!(value instanceof DicomValue.BulkData bulk) || bulk.length() < gridLength) {
      throw new RtObjectException(
          "dose grid pixel data is missing, compressed or shorter than "
              + description.frames()
              + " planes of "
              + description.frameLength()
              + " bytes");
    }
    SeekableByteChannel channel = storedFile.open();
    return new DoseGridScanner(
        channel,
        new StoredFile(channel, DicomRenderer.transferSyntaxOf(header).bigEndian()),
        description,
        bulk);
  }

  PixelDescription description() {
    return description;
  }

  /** Visits planes {@code from} (inclusive) to {@code to} (exclusive). */
  void scan(int from, int to, PlaneVisitor visitor) throws RtObjectException, IOException {
    long length = description.frameLength();
    long[] values = new long[description.pixelCount()];
    for (int frame = from; frame < to; frame++) {
      byte[] bytes;
      try {
        bytes = file.read(new ByteRange(pixelData.offset() + frame * length, length));
      } catch (RenderException e) {
        throw new RtObjectException("dose plane " + (frame + 1) + ": " + e.failure().describe(), e);
      }
      decode(bytes, values);
      visitor.plane(frame, values);
    }
  }

  private void decode(byte[] bytes, long[] values) {
    boolean bigEndian = file.bigEndian();
    boolean signed = description.signed();
    int size = description.bitsAllocated() / 8;
    for (int i = 0, b = 0; i < values.length; i++, b += size) {
      long value = 0;
      for (int k = 0; k < size; k++) {
        int shift = 8 * (bigEndian ? size - 1 - k : k);
        value |= (long) (bytes[b + k] & 0xFF) << shift;
      }
      if (signed && (value & 1L << (8 * size - 1)) != 0) {
        value -= 1L << (8 * size);
      }
      values[i] = value;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
