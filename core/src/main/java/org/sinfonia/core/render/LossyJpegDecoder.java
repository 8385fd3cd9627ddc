package org.sinfonia.core.render;

/**
 * JPEG baseline and extended (1.2.840.10008.1.2.4.50 and .51): 8-bit frames through ImageIO
 * (the JDK's libjpeg-based reader behind TwelveMonkeys: colour conversion and subsampling handled),
 * 12-bit frames, which no ImageIO reader here decodes, through {@link JpegDctDecoder}.
 */
final class LossyJpegDecoder implements FrameDecoder {

    private final FrameDecoder eightBit = new ImageIoFrameDecoder("jpeg");
    private final FrameDecoder twelveBit = new JpegDctDecoder();

    @Override
    public DecodedFrame decode(EncodedFrame frame, PixelDescription description) throws RenderException {
        return JpegSegments.framePrecision(frame.bytes()) > 8 ? twelveBit.decode(frame, description)
                : eightBit.decode(frame, description);
    }
}
