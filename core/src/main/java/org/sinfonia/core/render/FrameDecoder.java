package org.sinfonia.core.render;

/** Turns the stored bytes of one frame into samples; one implementation per family of transfer syntaxes. */
interface FrameDecoder {

    /**
     * Decodes one frame described by {@code description}.
     *
     * @throws RenderException if the bytes are too short or not what the syntax says
     */
    DecodedFrame decode(EncodedFrame frame, PixelDescription description) throws RenderException;
}
