package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * JPEG-LS lossless and near-lossless (T.87; DICOM 1.2.840.10008.1.2.4.80 and .81): SOF55 frame, LSE
 * preset parameters, scans of one component or of components interleaved by line or by sample.
 * Mapping tables and restart intervals are refused with a clear reason.
 */
final class JpegLsDecoder implements FrameDecoder {

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOF55 = 0xF7;
  private static final int LSE = 0xF8;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;

  @Override
  public DecodedFrame decode(EncodedFrame encoded, PixelDescription description)
      throws RenderException {
    byte[] data = encoded.bytes();
    JpegSegments segments = new JpegSegments(data);
    if (segments.nextMarker() != SOI) {
      throw failed("no start-of-image marker");
    }
    int precision = 0;
    int[] componentIds = null;
    int[][] planes = null;
    int[] preset = null;
    int width = 0;
    int height = 0;
    boolean scanned = false;
    while (true) {
      int marker = segments.nextMarker();
      if (marker == EOI || marker < 0) {
        break;
      }
      int length = segments.segmentLength();
      int at = segments.position();
      if (marker == SOF55) {
        JpegSegments.checkPayload("SOF55", 6, length - 2);
        JpegSegments.checkPayload("SOF55", 6 + 3 * (data[at + 5] & 0xFF), length - 2);
        precision = data[at] & 0xFF;
        height = JpegSegments.uint16(data, at + 1);
        width = JpegSegments.uint16(data, at + 3);
        int count = data[at + 5] & 0xFF;
        checkFrame(precision, width, height, count, description);
        componentIds = new int[count];
        for (int i = 0; i < count; i++) {
          componentIds[i] = data[at + 6 + 3 * i] & 0xFF;
          if ((data[at + 7 + 3 * i] & 0xFF) != 0x11) {
            throw failed("subsampled components");
          }
        }
        planes = new int[count][width * height];
      } else if (marker == LSE) {
        JpegSegments.checkPayload("LSE", 1, length - 2);
        if ((data[at] & 0xFF) != 1) {
          throw failed(
              "LSE parameters of type "
                  + (data[at] & 0xFF)
                  + " (mapping tables) are not supported");
        }
        JpegSegments.checkPayload("LSE", 11, length - 2);
        preset = new int[5];
        for (int i = 0; i < 5; i++) {
          preset[i] = JpegSegments.uint16(data, at + 1 + 2 * i);
        }
      } else if (marker == DRI && length >= 4 && JpegSegments.uint16(data, at) != 0) {
        throw failed("restart intervals are not supported");
      } else if (marker == SOS) {
        if (planes == null) {
          throw failed("scan before the frame header");
        }
        segments.seek(
            decodeScan(data, at, length, precision, preset, componentIds, planes, width, height));
        scanned = true;
        continue;
      } else if (marker >= 0xC0
          && marker <= 0xCF
          && marker != 0xC4
          && marker != 0xC8
          && marker != 0xCC) {
        throw failed("frame type SOF" + (marker - 0xC0) + " is not JPEG-LS");
      }
      segments.seek(at + length - 2);
    }
    if (!scanned) {
      throw failed("no scan");
    }
    return new DecodedFrame(
        width,
        height,
        planes.length,
        interleave(planes, width * height),
        description.photometric());
  }

  private static int decodeScan(
      byte[] data,
      int at,
      int length,
      int precision,
      int[] preset,
      int[] componentIds,
      int[][] planes,
      int width,
      int height)
      throws RenderException {
    int count = data[at] & 0xFF;
    JpegSegments.checkPayload("SOS", 4 + 2 * count, length - 2);
    int[][] scanPlanes = new int[count][];
    for (int i = 0; i < count; i++) {
      int id = data[at + 1 + 2 * i] & 0xFF;
      if ((data[at + 2 + 2 * i] & 0xFF) != 0) {
        throw failed("mapping tables are not supported");
      }
      scanPlanes[i] = planes[indexOf(componentIds, id)];
    }
    int p = at + 1 + 2 * count;
    int near = data[p] & 0xFF;
    int interleave = data[p + 1] & 0xFF;
    int pointTransform = data[p + 2] & 0x0F;
    if (count > 1 && interleave != 1 && interleave != 2) {
      throw failed("interleave mode " + interleave + " with " + count + " components");
    }
    JpegLsBitReader bits = new JpegLsBitReader(data, at + length - 2);
    JpegLsScan scan =
        new JpegLsScan(JpegLsParameters.of(precision, near, preset), bits, width, height);
    if (count > 1 && interleave == 2) {
      scan.decodeSampleInterleaved(scanPlanes);
    } else {
      scan.decode(scanPlanes);
    }
    if (pointTransform > 0) {
      for (int[] plane : scanPlanes) {
        for (int i = 0; i < plane.length; i++) {
          plane[i] <<= pointTransform;
        }
      }
    }
    return bits.markerPosition();
  }

  private static void checkFrame(
      int precision, int width, int height, int count, PixelDescription description)
      throws RenderException {
    if (precision < 2 || precision > 16) {
      throw failed(precision + "-bit samples");
    }
    if (width != description.columns()
        || height != description.rows()
        || count != description.samplesPerPixel()) {
      throw failed(
          "frame "
              + width
              + "x"
              + height
              + "x"
              + count
              + " where the header says "
              + description.columns()
              + "x"
              + description.rows()
              + "x"
              + description.samplesPerPixel());
    }
  }

  private static int indexOf(int[] componentIds, int id) throws RenderException {
    for (int i = 0; i < componentIds.length; i++) {
      if (componentIds[i] == id) {
        return i;
      }
    }
    throw failed("scan names component " + id + " that the frame lacks");
  }

  private static int[] interleave(int[][] planes, int pixels) {
    if (planes.length == 1) {
      return planes[0];
    }
    int[] samples = new int[pixels * planes.length];
    for (int k = 0; k < planes.length; k++) {
      for (int i = 0; i < pixels; i++) {
        samples[i * planes.length + k] = planes[k][i];
      }
    }
    return samples;
  }

  private static RenderException failed(String message) {
    return new RenderException(RenderFailure.Code.DECODING_FAILED, "JPEG-LS: " + message);
  }
}
