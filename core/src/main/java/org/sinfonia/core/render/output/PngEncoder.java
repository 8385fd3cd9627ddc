package org.sinfonia.core.render.output;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG bytes of an 8-bit grey or RGB image through the JDK's ImageIO writer, over an in-memory
 * stream (ImageIO's default output stream may cache in a temporary file).
 */
public final class PngEncoder {

  private PngEncoder() {}

  public static byte[] encode(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("the JDK has no PNG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2 + 1024);
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // memory streams do not fail
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
