package org.sinfonia.verticles.preview;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.sinfonia.core.render.output.PngEncoder;
import org.sinfonia.web.preview.ImageFormat;
import org.sinfonia.web.preview.PreviewFailure;
import org.sinfonia.web.preview.PreviewImage;

/**
 * Turns a drawn image into a {@link PreviewImage}: PNG (core's encoder) or JPEG (quality 0.9, for
 * WADO-RS).
 */
final class Encoded {

  private static final float JPEG_QUALITY = 0.9f;

  private Encoded() {}

  static PreviewImage of(
      BufferedImage image,
      ImageFormat format,
      int frame,
      int frames,
      Optional<PreviewFailure> failure) {
    byte[] bytes = format == ImageFormat.JPEG ? jpeg(image) : PngEncoder.encode(image);
    return new PreviewImage(
        bytes,
        format.mediaType(),
        image.getWidth(),
        image.getHeight(),
        frame,
        frames,
        failure,
        "",
        PreviewImage.Source.RENDERED);
  }

  static PreviewImage placeholder(BufferedImage image, ImageFormat format, PreviewFailure failure) {
    return of(image, format, 0, 0, Optional.of(failure));
  }

  private static byte[] jpeg(BufferedImage image) {
    BufferedImage opaque = image;
    if (image.getType() != BufferedImage.TYPE_INT_RGB
        && image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = opaque.createGraphics();
      try {
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
      } finally {
        g.dispose();
      }
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("no JPEG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(opaque, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
