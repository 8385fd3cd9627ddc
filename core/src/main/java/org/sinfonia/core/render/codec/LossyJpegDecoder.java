package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * JPEG baseline and extended (1.2.840.10008.1.2.4.50 and .51): 8-bit frames through ImageIO (the
 * JDK's libjpeg-based reader behind TwelveMonkeys: colour conversion and subsampling handled),
 * 12-bit frames, which no ImageIO reader here decodes, through {@link JpegDctDecoder}.
 */
final class LossyJpegDecoder implements FrameDecoder {

  private final FrameDecoder eightBit = new ImageIoFrameDecoder("jpeg");
  private final FrameDecoder twelveBit = new JpegDctDecoder();

  @Override
  public DecodedFrame decode(EncodedFrame frame, PixelDescription description)
      throws RenderException {
    int[] header = JpegSegments.frameHeader(frame.bytes());
    if (header == null) {
      throw new RenderException(RenderFailure.Code.DECODING_FAILED, "JPEG: no frame header");
    }
    // checked before ImageIO sees the data: a corrupt frame header must not make it allocate
    // gigabytes
    if (header[1] != description.rows()
        || header[2] != description.columns()
        || header[3] != description.samplesPerPixel()) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          "JPEG frame "
              + header[2]
              + "x"
              + header[1]
              + "x"
              + header[3]
              + " where the header says "
              + description.columns()
              + "x"
              + description.rows()
              + "x"
              + description.samplesPerPixel());
    }
    return header[0] > 8
        ? twelveBit.decode(frame, description)
        : eightBit.decode(frame, description);
  }
}
