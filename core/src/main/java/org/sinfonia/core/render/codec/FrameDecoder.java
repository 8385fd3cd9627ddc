package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;

/**
 * Turns the stored bytes of one frame into samples; one implementation per family of transfer
 * syntaxes.
 */
public interface FrameDecoder {

  /**
   * Decodes one frame described by {@code description}.
   *
   * @throws RenderException if the bytes are too short or not what the syntax says
   */
  DecodedFrame decode(EncodedFrame frame, PixelDescription description) throws RenderException;
}
