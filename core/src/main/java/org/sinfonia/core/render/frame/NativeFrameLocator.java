package org.sinfonia.core.render.frame;

import java.io.IOException;
import java.util.Arrays;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.render.ByteRange;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.StoredFile;
import org.sinfonia.core.render.codec.EncodedFrame;

/**
 * Reads one frame of native (uncompressed) pixel data: frame N starts N frame lengths into the
 * value (in bits, since 1-bit frames need not start on a byte), and only its bytes are read.
 */
final class NativeFrameLocator {

  private NativeFrameLocator() {}

  static EncodedFrame read(
      StoredFile file, DicomElement pixelData, PixelDescription description, int frameIndex)
      throws IOException, RenderException {
    long startBit = frameIndex * description.frameBits();
    long endBit = startBit + description.frameBits();
    if (pixelData.value() instanceof DicomValue.BulkData bulk) {
      if (endBit > bulk.length() * 8) {
        throw new RenderException(
            RenderFailure.Code.TRUNCATED_PIXEL_DATA,
            "Pixel Data of "
                + bulk.length()
                + " bytes is too short for frame "
                + (frameIndex + 1)
                + " of "
                + description.frameLength()
                + " bytes");
      }
      long first = startBit / 8;
      long last = (endBit + 7) / 8;
      // 8-bit samples in OW words of a big endian file are byte-swapped in pairs: read whole words
      boolean swapPairs =
          file.bigEndian() && pixelData.vr() == Vr.OW && description.bitsAllocated() == 8;
      if (!swapPairs) {
        byte[] bytes = file.read(new ByteRange(bulk.offset() + first, last - first));
        return new EncodedFrame(bytes, (int) (startBit % 8));
      }
      long wordStart = first & ~1L;
      long wordEnd = Math.min(bulk.length(), (last + 1) & ~1L);
      byte[] words =
          file.readLittleEndianWords(new ByteRange(bulk.offset() + wordStart, wordEnd - wordStart));
      int from = (int) (first - wordStart);
      return new EncodedFrame(Arrays.copyOfRange(words, from, from + (int) (last - first)), 0);
    }
    throw new RenderException(
        RenderFailure.Code.DECODING_FAILED,
        "Pixel Data is "
            + pixelData.value().getClass().getSimpleName()
            + " in a native transfer syntax");
  }
}
