package org.sinfonia.core.render.codec;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.sinfonia.core.render.Photometric;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * Compressed frames that an ImageIO plug-in reads: 8-bit JPEG baseline and extended (through
 * TwelveMonkeys' reader, which registers ahead of the JDK's; neither reads 12-bit), and JPEG 2000
 * when a JPEG 2000 reader is on the class path (none is shipped; see RENDER.md). Greyscale frames
 * are read as rasters (samples untouched); colour frames as images, which the codec has already
 * turned from YCbCr into RGB.
 */
final class ImageIoFrameDecoder implements FrameDecoder {

  private final String formatName;

  /**
   * @param formatName an ImageIO format name: "jpeg" or "jpeg2000"
   */
  ImageIoFrameDecoder(String formatName) {
    this.formatName = formatName;
  }

  static boolean hasReaderFor(String formatName) {
    return ImageIO.getImageReadersByFormatName(formatName).hasNext();
  }

  @Override
  public DecodedFrame decode(EncodedFrame frame, PixelDescription description)
      throws RenderException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
    if (!readers.hasNext()) {
      throw new RenderException(
          RenderFailure.Code.UNSUPPORTED_TRANSFER_SYNTAX, "no " + formatName + " reader");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(frame.bytes()))) {
      reader.setInput(in, true, true);
      if (description.samplesPerPixel() == 1) {
        Raster raster = reader.readRaster(0, null);
        int[] samples =
            raster.getSamples(
                raster.getMinX(),
                raster.getMinY(),
                raster.getWidth(),
                raster.getHeight(),
                0,
                (int[]) null);
        return new DecodedFrame(
            raster.getWidth(), raster.getHeight(), 1, samples, description.photometric());
      }
      BufferedImage image = reader.read(0);
      return rgbOf(image);
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new RenderException(RenderFailure.Code.DECODING_FAILED, formatName + ": " + reason, e);
    } finally {
      reader.dispose();
    }
  }

  private static DecodedFrame rgbOf(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    int[] samples = new int[argb.length * 3];
    for (int p = 0; p < argb.length; p++) {
      samples[3 * p] = argb[p] >> 16 & 0xFF;
      samples[3 * p + 1] = argb[p] >> 8 & 0xFF;
      samples[3 * p + 2] = argb[p] & 0xFF;
    }
    return new DecodedFrame(width, height, 3, samples, Photometric.RGB);
  }
}
