package org.sinfonia.core.render.codec;

import java.util.Arrays;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * Sequential Huffman DCT JPEG (T.81 processes 1 and 2/4: SOF0, SOF1) at 8 or 12 bits, for what
 * ImageIO cannot read: the 12-bit frames of DICOM's JPEG Extended syntax (1.2.840.10008.1.2.4.51).
 * Components must not be subsampled (12-bit DICOM JPEG is greyscale in practice); progressive and
 * arithmetic-coded JPEG are refused.
 */
final class JpegDctDecoder implements FrameDecoder {

  private static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** Tables, components and planes of the frame being decoded. */
  private static final class Frame {
    final int[][] quantisation = new int[4][];
    final HuffmanTable[] dc = new HuffmanTable[4];
    final HuffmanTable[] ac = new HuffmanTable[4];
    int precision;
    int width;
    int height;
    int[] componentIds;
    int[] quantisationOf;
    int[][] planes;
    int restartInterval;
  }

  @Override
  public DecodedFrame decode(EncodedFrame encoded, PixelDescription description)
      throws RenderException {
    byte[] data = encoded.bytes();
    JpegSegments segments = new JpegSegments(data);
    if (segments.nextMarker() != 0xD8) {
      throw failed("no start-of-image marker");
    }
    Frame frame = new Frame();
    boolean scanned = false;
    for (int marker = segments.nextMarker();
        marker >= 0 && marker != 0xD9;
        marker = segments.nextMarker()) {
      int length = segments.segmentLength();
      int at = segments.position();
      switch (marker) {
        case 0xDB -> readQuantisation(data, at, at + length - 2, frame);
        case 0xC4 -> readHuffman(data, at, at + length - 2, frame);
        case 0xC0, 0xC1 -> readFrameHeader(data, at, length - 2, frame, description);
        case 0xDD -> {
          JpegSegments.checkPayload("DRI", 2, length - 2);
          frame.restartInterval = JpegSegments.uint16(data, at);
        }
        case 0xDA -> {
          if (frame.planes == null) {
            throw failed("scan before the frame header");
          }
          segments.seek(decodeScan(data, at, length - 2, frame));
          scanned = true;
          continue;
        }
        default -> {
          if (marker >= 0xC2
              && marker <= 0xCF
              && marker != 0xC4
              && marker != 0xC8
              && marker != 0xCC) {
            throw new RenderException(
                RenderFailure.Code.UNSUPPORTED_TRANSFER_SYNTAX,
                String.format(
                    "JPEG process SOF%d (progressive, lossless or arithmetic)", marker - 0xC0));
          }
        }
      }
      segments.seek(at + length - 2);
    }
    if (!scanned) {
      throw failed("no scan");
    }
    int components = frame.planes.length;
    int pixels = frame.width * frame.height;
    int[] samples = components == 1 ? frame.planes[0] : new int[pixels * components];
    for (int c = 0; components > 1 && c < components; c++) {
      for (int i = 0; i < pixels; i++) {
        samples[i * components + c] = frame.planes[c][i];
      }
    }
    return new DecodedFrame(
        frame.width, frame.height, components, samples, description.photometric());
  }

  private static void readQuantisation(byte[] data, int at, int end, Frame frame)
      throws RenderException {
    while (at < end) {
      boolean sixteenBit = (data[at] & 0xF0) != 0;
      JpegSegments.checkPayload("DQT", 1 + (sixteenBit ? 128 : 64), end - at);
      int slot = data[at] & 0x0F;
      if (slot > 3) {
        throw failed("quantisation table " + slot);
      }
      int[] table = new int[64];
      for (int k = 0; k < 64; k++) {
        table[ZIGZAG[k]] =
            sixteenBit ? JpegSegments.uint16(data, at + 1 + 2 * k) : data[at + 1 + k] & 0xFF;
      }
      frame.quantisation[slot] = table;
      at += 1 + (sixteenBit ? 128 : 64);
    }
  }

  private static void readHuffman(byte[] data, int at, int end, Frame frame)
      throws RenderException {
    while (at < end) {
      int tableClass = (data[at] & 0xFF) >> 4;
      int slot = data[at] & 0x0F;
      HuffmanTable table = HuffmanTable.read(data, at, end);
      if (slot > 3 || tableClass > 1) {
        throw failed("Huffman table class " + tableClass + " slot " + slot);
      }
      (tableClass == 0 ? frame.dc : frame.ac)[slot] = table;
      at += table.encodedLength();
    }
  }

  private static void readFrameHeader(
      byte[] data, int at, int payload, Frame frame, PixelDescription description)
      throws RenderException {
    JpegSegments.checkPayload("SOF", 6, payload);
    JpegSegments.checkPayload("SOF", 6 + 3 * (data[at + 5] & 0xFF), payload);
    frame.precision = data[at] & 0xFF;
    frame.height = JpegSegments.uint16(data, at + 1);
    frame.width = JpegSegments.uint16(data, at + 3);
    int count = data[at + 5] & 0xFF;
    if (frame.precision != 8 && frame.precision != 12
        || frame.width != description.columns()
        || frame.height != description.rows()
        || count != description.samplesPerPixel()) {
      throw failed(
          frame.precision
              + "-bit frame "
              + frame.width
              + "x"
              + frame.height
              + "x"
              + count
              + " where the header says "
              + description.columns()
              + "x"
              + description.rows()
              + "x"
              + description.samplesPerPixel());
    }
    frame.componentIds = new int[count];
    frame.quantisationOf = new int[count];
    for (int c = 0; c < count; c++) {
      frame.componentIds[c] = data[at + 6 + 3 * c] & 0xFF;
      if ((data[at + 7 + 3 * c] & 0xFF) != 0x11) {
        throw new RenderException(
            RenderFailure.Code.UNSUPPORTED_TRANSFER_SYNTAX,
            frame.precision + "-bit JPEG with subsampled components");
      }
      frame.quantisationOf[c] = data[at + 8 + 3 * c] & 0x03;
    }
    frame.planes = new int[count][frame.width * frame.height];
  }

  /** Decodes one scan (its components interleaved block by block); returns where its data ends. */
  private static int decodeScan(byte[] data, int at, int payload, Frame frame)
      throws RenderException {
    int count = data[at] & 0xFF;
    JpegSegments.checkPayload("SOS", 4 + 2 * count, payload);
    int[] components = new int[count];
    HuffmanTable[] dc = new HuffmanTable[count];
    HuffmanTable[] ac = new HuffmanTable[count];
    for (int i = 0; i < count; i++) {
      components[i] = indexOf(frame.componentIds, data[at + 1 + 2 * i] & 0xFF);
      dc[i] = frame.dc[(data[at + 2 + 2 * i] & 0xFF) >> 4 & 3];
      ac[i] = frame.ac[data[at + 2 + 2 * i] & 3];
      if (dc[i] == null
          || ac[i] == null
          || frame.quantisation[frame.quantisationOf[components[i]]] == null) {
        throw failed("scan uses an undefined table");
      }
    }
    JpegBitReader bits = new JpegBitReader(data, at + 1 + 2 * count + 3, data.length);
    int blocksAcross = (frame.width + 7) / 8;
    int blocksDown = (frame.height + 7) / 8;
    int[] predictions = new int[count];
    int[] coefficients = new int[64];
    int levelShift = 1 << (frame.precision - 1);
    int maxValue = (1 << frame.precision) - 1;
    int mcusLeft = frame.restartInterval;
    for (int by = 0; by < blocksDown; by++) {
      for (int bx = 0; bx < blocksAcross; bx++) {
        if (frame.restartInterval > 0 && mcusLeft-- == 0) {
          bits.restart();
          Arrays.fill(predictions, 0);
          mcusLeft = frame.restartInterval - 1;
        }
        for (int i = 0; i < count; i++) {
          int[] quantisation = frame.quantisation[frame.quantisationOf[components[i]]];
          predictions[i] = block(bits, dc[i], ac[i], quantisation, predictions[i], coefficients);
          InverseDct.transform(
              coefficients,
              levelShift,
              maxValue,
              frame.planes[components[i]],
              by * 8 * frame.width + bx * 8,
              frame.width,
              frame.width - bx * 8,
              frame.height - by * 8);
        }
      }
    }
    return bits.markerPosition();
  }

  /**
   * One 8x8 block's coefficients (T.81 F.2.2), dequantised into natural order; returns the new DC
   * prediction.
   */
  private static int block(
      JpegBitReader bits,
      HuffmanTable dc,
      HuffmanTable ac,
      int[] quantisation,
      int prediction,
      int[] coefficients)
      throws RenderException {
    Arrays.fill(coefficients, 0);
    int dcValue = prediction + dc.decodeDifference(bits);
    coefficients[0] = dcValue * quantisation[0];
    for (int k = 1; k < 64; k++) {
      int runSize = ac.decode(bits);
      int run = runSize >> 4;
      int size = runSize & 15;
      if (size == 0) {
        if (run != 15) {
          break; // end of block
        }
        k += 15;
        continue;
      }
      k += run;
      if (k > 63) {
        throw failed("AC coefficients past the end of a block");
      }
      coefficients[ZIGZAG[k]] = extend(bits.read(size), size) * quantisation[ZIGZAG[k]];
    }
    return dcValue;
  }

  private static int extend(int value, int size) {
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  private static int indexOf(int[] ids, int id) throws RenderException {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    throw failed("scan names component " + id + " that the frame lacks");
  }

  private static RenderException failed(String message) {
    return new RenderException(RenderFailure.Code.DECODING_FAILED, "JPEG: " + message);
  }
}
