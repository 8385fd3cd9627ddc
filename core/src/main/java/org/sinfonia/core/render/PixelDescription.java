package org.sinfonia.core.render;

import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;

/**
 * The Image Pixel module of a data set, checked for consistency once so that decoders can trust it.
 *
 * @param rows Rows (0028,0010)
 * @param columns Columns (0028,0011)
 * @param samplesPerPixel Samples per Pixel (0028,0002): 1 or 3
 * @param photometric Photometric Interpretation (0028,0004)
 * @param bitsAllocated Bits Allocated (0028,0100): 1, 8, 16 or 32
 * @param bitsStored Bits Stored (0028,0101), 1..bitsAllocated
 * @param highBit High Bit (0028,0102), bitsStored-1..bitsAllocated-1
 * @param signed Pixel Representation (0028,0103) is 1 (two's complement)
 * @param planar Planar Configuration (0028,0006) is 1: colour planes one after the other
 * @param frames Number of Frames (0028,0008), 1 if absent
 */
public record PixelDescription(
    int rows,
    int columns,
    int samplesPerPixel,
    Photometric photometric,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    boolean signed,
    boolean planar,
    int frames) {

  /**
   * The largest frame rendered, in samples (e.g. 8192 x 4096 grey): a frame is decoded whole into
   * an int per sample, so this bounds a render's memory (about 128 MiB plus the stored bytes).
   */
  public static final long MAX_FRAME_SAMPLES = 1L << 25;

  public static PixelDescription of(DicomDataset header) throws RenderException {
    if (!header.contains(DicomTags.PIXEL_DATA)) {
      throw new RenderException(RenderFailure.Code.NO_PIXEL_DATA, "the file has no Pixel Data");
    }
    int rows = (int) header.longValue(DicomTags.ROWS, 0);
    int columns = (int) header.longValue(DicomTags.COLUMNS, 0);
    int samples = (int) header.longValue(DicomTags.SAMPLES_PER_PIXEL, 1);
    String photometricName = header.string(DicomTags.PHOTOMETRIC_INTERPRETATION);
    Photometric photometric =
        Photometric.ofDicomName(photometricName)
            .orElseThrow(
                () ->
                    new RenderException(
                        RenderFailure.Code.UNSUPPORTED_PHOTOMETRIC_INTERPRETATION,
                        "Photometric Interpretation '" + photometricName + "'"));
    int bitsAllocated = (int) header.longValue(DicomTags.BITS_ALLOCATED, 0);
    int bitsStored = (int) header.longValue(DicomTags.BITS_STORED, bitsAllocated);
    int highBit = (int) header.longValue(DicomTags.HIGH_BIT, bitsStored - 1);
    boolean signed = header.longValue(DicomTags.PIXEL_REPRESENTATION, 0) == 1;
    boolean planar = header.longValue(PixelTags.PLANAR_CONFIGURATION, 0) == 1;
    long frames = header.longValue(DicomTags.NUMBER_OF_FRAMES, 1);
    PixelDescription description =
        new PixelDescription(
            rows,
            columns,
            samples,
            photometric,
            bitsAllocated,
            bitsStored,
            highBit,
            signed,
            planar,
            (int) Math.max(1, Math.min(frames, Integer.MAX_VALUE)));
    description.check();
    return description;
  }

  private void check() throws RenderException {
    if (rows <= 0 || columns <= 0) {
      throw bad("Rows " + rows + " x Columns " + columns);
    }
    if (samplesPerPixel != photometric.samplesPerPixel()) {
      throw bad("Samples per Pixel " + samplesPerPixel + " with " + photometric.dicomName());
    }
    if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
      throw bad("Bits Allocated " + bitsAllocated);
    }
    if (bitsStored < 1
        || bitsStored > bitsAllocated
        || highBit < bitsStored - 1
        || highBit >= bitsAllocated) {
      throw bad(
          "Bits Stored "
              + bitsStored
              + ", High Bit "
              + highBit
              + " with Bits Allocated "
              + bitsAllocated);
    }
    if (bitsAllocated == 1 && !photometric.isMonochrome()) {
      throw bad("1-bit " + photometric.dicomName());
    }
    if ((long) rows * columns * samplesPerPixel > MAX_FRAME_SAMPLES) {
      throw new RenderException(
          RenderFailure.Code.FRAME_TOO_LARGE,
          columns
              + " x "
              + rows
              + " x "
              + samplesPerPixel
              + " samples per frame; at most "
              + MAX_FRAME_SAMPLES
              + " are rendered");
    }
  }

  private static RenderException bad(String what) {
    return new RenderException(RenderFailure.Code.BAD_PIXEL_DESCRIPTION, what);
  }

  public int pixelCount() {
    return rows * columns;
  }

  /** Samples stored for one native frame: 4:2:2 stores two samples per pixel instead of three. */
  public long storedSamplesPerFrame() {
    long pixels = (long) rows * columns;
    return photometric.isChromaSubsampled() ? pixels * 2 : pixels * samplesPerPixel;
  }

  /** Bits of one native frame; frames of 1-bit images need not start on a byte boundary. */
  public long frameBits() {
    return storedSamplesPerFrame() * bitsAllocated;
  }

  /** Bytes of one native (uncompressed) frame, rounded up for 1-bit images. */
  public long frameLength() {
    return (frameBits() + 7) / 8;
  }

  public boolean isMonochrome() {
    return photometric.isMonochrome();
  }
}
