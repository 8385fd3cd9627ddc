package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * JPEG lossless, process 14 (T.81 Annex H; DICOM 1.2.840.10008.1.2.4.57 and its selection value 1
 * form .70), which ImageIO cannot read: Huffman-coded differences from one of seven predictors, 2
 * to 16 bits, point transform, restart intervals, one or more components in one or several scans
 * (each component sampled 1x1).
 */
final class JpegLosslessDecoder implements FrameDecoder {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOF3 = 0xC3;
  private static final int DHT = 0xC4;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;

  /** Per-frame state: components, tables and the decoded planes. */
  private static final class Frame {
    int precision;
    int lines;
    int samplesPerLine;
    int[] componentIds = new int[0];
    int[][] planes;
    final HuffmanTable[] tables = new HuffmanTable[4];
    int restartInterval;
  }

  @Override
  public DecodedFrame decode(EncodedFrame encoded, PixelDescription description)
      throws RenderException {
    byte[] data = encoded.bytes();
    JpegSegments segments = new JpegSegments(data);
    if (segments.nextMarker() != SOI) {
      throw failed("no JPEG start-of-image marker");
    }
    Frame frame = new Frame();
    boolean scanned = false;
    while (true) {
      int marker = segments.nextMarker();
      if (marker == EOI || marker < 0) {
        break;
      }
      int length = segments.segmentLength();
      int start = segments.position();
      switch (marker) {
        case DHT -> readHuffmanTables(data, start, start + length - 2, frame);
        case SOF3 -> readFrameHeader(data, start, length - 2, frame, description);
        case DRI -> {
          JpegSegments.checkPayload("DRI", 2, length - 2);
          frame.restartInterval = JpegSegments.uint16(data, start);
        }
        case SOS -> {
          if (frame.planes == null) {
            throw failed("scan before the lossless frame header");
          }
          int scanEnd = decodeScan(data, start, length - 2, frame);
          segments.seek(scanEnd);
          scanned = true;
          continue;
        }
        default -> {
          if (marker >= 0xC0
              && marker <= 0xCF
              && marker != DHT
              && marker != 0xC8
              && marker != 0xCC) {
            throw failed(String.format("JPEG process SOF%d is not lossless (SOF3)", marker - 0xC0));
          }
        }
      }
      segments.seek(start + length - 2);
    }
    if (!scanned) {
      throw failed("no scan in the JPEG data");
    }
    return interleaved(frame, description);
  }

  private static void readFrameHeader(
      byte[] data, int at, int payload, Frame frame, PixelDescription description)
      throws RenderException {
    JpegSegments.checkPayload("SOF3", 6, payload);
    JpegSegments.checkPayload("SOF3", 6 + 3 * (data[at + 5] & 0xFF), payload);
    frame.precision = data[at] & 0xFF;
    frame.lines = JpegSegments.uint16(data, at + 1);
    frame.samplesPerLine = JpegSegments.uint16(data, at + 3);
    int components = data[at + 5] & 0xFF;
    if (frame.precision < 2 || frame.precision > 16 || frame.lines == 0 || components == 0) {
      throw failed(
          "lossless frame of "
              + frame.precision
              + " bits, "
              + frame.lines
              + " lines, "
              + components
              + " components");
    }
    if (frame.lines != description.rows()
        || frame.samplesPerLine != description.columns()
        || components != description.samplesPerPixel()) {
      throw failed(
          "JPEG frame "
              + frame.samplesPerLine
              + "x"
              + frame.lines
              + "x"
              + components
              + " where the header says "
              + description.columns()
              + "x"
              + description.rows()
              + "x"
              + description.samplesPerPixel());
    }
    frame.componentIds = new int[components];
    for (int c = 0; c < components; c++) {
      frame.componentIds[c] = data[at + 6 + 3 * c] & 0xFF;
      if ((data[at + 7 + 3 * c] & 0xFF) != 0x11) {
        throw failed("subsampled components in a lossless JPEG");
      }
    }
    frame.planes = new int[components][frame.lines * frame.samplesPerLine];
  }

  private static void readHuffmanTables(byte[] data, int at, int end, Frame frame)
      throws RenderException {
    while (at < end) {
      int slot = data[at] & 0x0F;
      if (slot > 3 || (data[at] & 0xF0) != 0) {
        throw failed("lossless JPEG uses DC Huffman tables 0-3 only");
      }
      HuffmanTable table = HuffmanTable.read(data, at, end);
      frame.tables[slot] = table;
      at += table.encodedLength();
    }
  }

  /**
   * Decodes the scan whose header starts at {@code at}; returns where its entropy-coded data ends.
   */
  private static int decodeScan(byte[] data, int at, int payload, Frame frame)
      throws RenderException {
    int count = data[at] & 0xFF;
    JpegSegments.checkPayload("SOS", 4 + 2 * count, payload);
    int[] planes = new int[count];
    HuffmanTable[] tables = new HuffmanTable[count];
    for (int i = 0; i < count; i++) {
      planes[i] = planeOf(frame, data[at + 1 + 2 * i] & 0xFF);
      tables[i] = frame.tables[(data[at + 2 + 2 * i] & 0xFF) >> 4 & 3];
      if (tables[i] == null) {
        throw failed("scan uses an undefined Huffman table");
      }
    }
    int p = at + 1 + 2 * count;
    int predictor = data[p] & 0xFF;
    int pointTransform = data[p + 2] & 0x0F;
    if (predictor < 1 || predictor > 7) {
      throw failed("predictor " + predictor);
    }
    JpegBitReader bits = new JpegBitReader(data, p + 3, data.length);
    new LosslessScan(
            frame.precision,
            pointTransform,
            predictor,
            frame.samplesPerLine,
            frame.lines,
            frame.restartInterval)
        .decode(bits, tables, componentPlanes(frame, planes));
    return bits.markerPosition();
  }

  private static int[][] componentPlanes(Frame frame, int[] indices) {
    int[][] selected = new int[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      selected[i] = frame.planes[indices[i]];
    }
    return selected;
  }

  private static int planeOf(Frame frame, int componentId) throws RenderException {
    for (int c = 0; c < frame.componentIds.length; c++) {
      if (frame.componentIds[c] == componentId) {
        return c;
      }
    }
    throw failed("scan names component " + componentId + " that the frame lacks");
  }

  private static DecodedFrame interleaved(Frame frame, PixelDescription description) {
    int components = frame.planes.length;
    int pixels = frame.lines * frame.samplesPerLine;
    int[] samples = components == 1 ? frame.planes[0] : new int[pixels * components];
    if (components > 1) {
      for (int c = 0; c < components; c++) {
        int[] plane = frame.planes[c];
        for (int i = 0; i < pixels; i++) {
          samples[i * components + c] = plane[i];
        }
      }
    }
    return new DecodedFrame(
        frame.samplesPerLine, frame.lines, components, samples, description.photometric());
  }

  private static RenderException failed(String message) {
    return new RenderException(RenderFailure.Code.DECODING_FAILED, "JPEG lossless: " + message);
  }
}
