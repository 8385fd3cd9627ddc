package org.sinfonia.core.render;

/**
 * Why an image could not be rendered: a stable code for programs and a short message for people.
 *
 * @param code what went wrong
 * @param message details (attribute values, sizes, the transfer syntax)
 */
public record RenderFailure(Code code, String message) {

  /** Stable reasons; the web layer may show or map them. */
  public enum Code {
    /** The file has no Pixel Data (0x7FE0,0010), e.g. an RT Structure Set or a report. */
    NO_PIXEL_DATA,
    /** The pixel data is compressed with a transfer syntax Sinfonia cannot decode. */
    UNSUPPORTED_TRANSFER_SYNTAX,
    /** A Photometric Interpretation (or combination of attributes) Sinfonia does not render. */
    UNSUPPORTED_PHOTOMETRIC_INTERPRETATION,
    /** Rows, Columns, Bits Allocated and the like are missing or inconsistent. */
    BAD_PIXEL_DESCRIPTION,
    /** A frame larger than {@link PixelDescription#MAX_FRAME_SAMPLES} (whole-slide images, say). */
    FRAME_TOO_LARGE,
    /** The frame asked for does not exist. */
    FRAME_OUT_OF_RANGE,
    /** The pixel data is shorter than the image description needs, or the file ends early. */
    TRUNCATED_PIXEL_DATA,
    /** The compressed frame could not be decoded (corrupt or not what the syntax says). */
    DECODING_FAILED,
    /** The stored file could not be read. */
    IO_ERROR
  }

  /** One line for a placeholder image or a log. */
  public String describe() {
    return code + ": " + message;
  }
}
