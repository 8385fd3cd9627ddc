package org.sinfonia.verticles.preview;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.render.output.RenderSize;
import org.sinfonia.web.preview.PreviewFailure;
import org.sinfonia.web.preview.PreviewImage;
import org.sinfonia.web.preview.PreviewParams;

/**
 * Previews of ordinary pictures through ImageIO: PNG, JPEG (TwelveMonkeys' reader in front of the
 * JDK's: CMYK, broken markers), GIF (the first frame), BMP, TIFF (the first page), whatever the
 * file's name says: the content picks the decoder. Large images are decoded subsampled (never more
 * than {@code maxImagePixels} pixels in memory, and no more than about twice the target size), then
 * scaled down in halving steps and one bilinear step. Blocking: runs on a preview worker.
 */
final class PictureRenderer {

  private final long maxFullPixels;
  private final long maxImagePixels;

  PictureRenderer(long maxFullPixels, long maxImagePixels) {
    this.maxFullPixels = maxFullPixels;
    this.maxImagePixels = maxImagePixels;
  }

  /**
   * The picture, or a placeholder saying why not ({@code NOT_AN_IMAGE} when no decoder knows the
   * content).
   */
  PreviewImage render(BlobSource file, String mediaType, PreviewParams params) {
    RenderSize size = params.size();
    try (InputStream bytes = file.stream();
        ImageInputStream in = ImageIO.createImageInputStream(bytes)) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return failed(
            "NOT_AN_IMAGE",
            "no image decoder recognises this " + mediaType + " file",
            size,
            params);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
          return failed(
              "IMAGE_DECODING_FAILED",
              "the image declares " + width + " x " + height + " pixels",
              size,
              params);
        }
        long pixels = (long) width * height;
        if (size == RenderSize.FULL && pixels > maxFullPixels) {
          return failed(
              "FULL_SIZE_TOO_LARGE",
              width
                  + " x "
                  + height
                  + " pixels is more than the full-size limit of "
                  + maxFullPixels
                  + "; ask for size=512",
              RenderSize.PREVIEW,
              params);
        }
        RenderSize.Dimensions target = size.fit(width, height);
        ImageReadParam read = reader.getDefaultReadParam();
        int step = subsampling(width, height, target);
        if (step > 1) {
          read.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage decoded = reader.read(0, read);
        BufferedImage scaled = scale(decoded, target.width(), target.height());
        return Encoded.of(scaled, params.format(), 0, 0, Optional.empty());
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // ImageIO readers throw runtime exceptions on corrupt input as often as IIOExceptions
      return failed("IMAGE_DECODING_FAILED", mediaType + ": " + e.getMessage(), size, params);
    } catch (OutOfMemoryError e) {
      return failed(
          "IMAGE_DECODING_FAILED", mediaType + ": the image does not fit in memory", size, params);
    }
  }

  /**
   * Every {@code step}-th pixel: at least twice the target on each side, within {@code
   * maxImagePixels}.
   */
  private int subsampling(int width, int height, RenderSize.Dimensions target) {
    int step =
        Math.max(
            1,
            Math.min(
                width / Math.max(1, 2 * target.width()),
                height / Math.max(1, 2 * target.height())));
    while ((long) ceilDiv(width, step) * ceilDiv(height, step) > maxImagePixels) {
      step++;
    }
    return step;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * Halves with a bilinear filter while more than twice too large, then one bilinear step to the
   * exact size.
   */
  static BufferedImage scale(BufferedImage source, int width, int height) {
    boolean alpha = source.getColorModel().hasAlpha();
    int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage current = source;
    int w = source.getWidth();
    int h = source.getHeight();
    do {
      w = w / 2 >= width ? w / 2 : width;
      h = h / 2 >= height ? h / 2 : height;
      BufferedImage next = new BufferedImage(w, h, type);
      Graphics2D g = next.createGraphics();
      try {
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(current, 0, 0, w, h, null);
      } finally {
        g.dispose();
      }
      current = next;
    } while (w != width || h != height);
    return current;
  }

  private static PreviewImage failed(
      String code, String message, RenderSize size, PreviewParams params) {
    PreviewFailure failure = new PreviewFailure(code, message);
    return Encoded.placeholder(Placeholders.of(failure, size), params.format(), failure);
  }
}
