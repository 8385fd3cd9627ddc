package org.sinfonia.core.render.frame;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomStreamListener;
import org.sinfonia.core.dicom.DicomStreamParser;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.render.ByteRange;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.StoredFile;
import org.sinfonia.core.render.codec.EncodedFrame;

/**
 * Reads one native frame of a Deflated Explicit VR Little Endian file (1.2.840.10008.1.2.1.99).
 * There the parser's offsets count inflated bytes from where the deflated data set starts, so the
 * frame is not a range of the file: the start is found by parsing the file meta again, then the
 * data set is inflated as a stream up to the frame and only the frame's bytes are kept.
 */
final class DeflatedFrameLocator {

  private static final int CHUNK = 4096;

  /** The file meta information is small; a deflated data set starts within this many bytes. */
  private static final int MAX_META = 64 * 1024;

  private DeflatedFrameLocator() {}

  static EncodedFrame read(
      StoredFile file, DicomElement pixelData, PixelDescription description, int frameIndex)
      throws IOException, RenderException {
    if (!(pixelData.value() instanceof DicomValue.BulkData bulk)) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "deflated Pixel Data is not a native value");
    }
    long startBit = frameIndex * description.frameBits();
    long length = (startBit % 8 + description.frameBits() + 7) / 8;
    if (startBit + description.frameBits() > bulk.length() * 8) {
      throw new RenderException(
          RenderFailure.Code.TRUNCATED_PIXEL_DATA,
          "Pixel Data of " + bulk.length() + " bytes is too short for frame " + (frameIndex + 1));
    }
    long datasetStart = datasetStart(file);
    Inflater inflater = new Inflater(true); // raw deflate, as PS3.5 A.5 says
    try (InputStream inflated =
        new InflaterInputStream(file.streamFrom(datasetStart), inflater, CHUNK * 16)) {
      inflated.skipNBytes(bulk.offset() - datasetStart + startBit / 8);
      byte[] bytes = inflated.readNBytes((int) length);
      if (bytes.length < length) {
        throw new RenderException(
            RenderFailure.Code.TRUNCATED_PIXEL_DATA,
            "the deflated data set ends inside frame " + (frameIndex + 1));
      }
      return new EncodedFrame(bytes, (int) (startBit % 8));
    } catch (java.io.EOFException e) {
      throw new RenderException(
          RenderFailure.Code.TRUNCATED_PIXEL_DATA,
          "the deflated data set ends before frame " + (frameIndex + 1),
          e);
    } catch (java.util.zip.ZipException e) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "corrupt deflated data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /** Where the deflated data set begins: the parser reports it when the file meta ends. */
  private static long datasetStart(StoredFile file) throws IOException, RenderException {
    long[] start = {-1};
    DicomStreamListener listener =
        new DicomStreamListener() {
          @Override
          public void datasetStart(TransferSyntax syntax, long offset) {
            start[0] = offset;
          }
        };
    DicomStreamParser parser = new DicomStreamParser(listener, DicomParserOptions.defaults());
    try {
      for (long offset = 0;
          start[0] < 0 && offset < Math.min(MAX_META, file.size());
          offset += CHUNK) {
        parser.feed(
            file.read(new ByteRange(offset, Math.min(CHUNK, file.size() - offset))),
            0,
            (int) Math.min(CHUNK, file.size() - offset));
      }
    } catch (DicomParseException e) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED, "file meta: " + e.getMessage(), e);
    }
    if (start[0] < 0) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          "no deflated data set within the first " + MAX_META + " bytes");
    }
    return start[0];
  }
}
