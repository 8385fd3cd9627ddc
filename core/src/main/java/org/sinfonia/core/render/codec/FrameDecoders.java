package org.sinfonia.core.render.codec;

import java.nio.ByteOrder;
import java.util.Map;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/** Picks the decoder for a transfer syntax, or says plainly that there is none. */
public final class FrameDecoders {

  static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
  static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
  static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
  static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
  static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
  static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
  static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";

  /** Names for the messages of syntaxes that have no decoder here. */
  private static final Map<String, String> UNDECODED_NAMES =
      Map.ofEntries(
          Map.entry("1.2.840.10008.1.2.4.53", "JPEG spectral selection (retired)"),
          Map.entry("1.2.840.10008.1.2.4.55", "JPEG full progression (retired)"),
          Map.entry(JPEG_2000_LOSSLESS, "JPEG 2000 lossless"),
          Map.entry(JPEG_2000, "JPEG 2000"),
          Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K lossless"),
          Map.entry("1.2.840.10008.1.2.4.202", "HTJ2K lossless RPCL"),
          Map.entry("1.2.840.10008.1.2.4.203", "HTJ2K"),
          Map.entry("1.2.840.10008.1.2.4.100", "MPEG-2"),
          Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"),
          Map.entry("1.2.840.10008.1.2.4.110", "JPEG XL lossless"),
          Map.entry("1.2.840.10008.1.2.4.112", "JPEG XL"),
          Map.entry("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression"));

  private FrameDecoders() {}

  public static FrameDecoder forSyntax(TransferSyntax syntax) throws RenderException {
    String uid = syntax.uid();
    switch (uid) {
      case RLE_LOSSLESS:
        return new RleFrameDecoder();
      case JPEG_BASELINE:
      case JPEG_EXTENDED:
        return new LossyJpegDecoder();
      case JPEG_LOSSLESS:
      case JPEG_LOSSLESS_SV1:
        return new JpegLosslessDecoder();
      case JPEG_LS_LOSSLESS:
      case JPEG_LS_NEAR_LOSSLESS:
        return new JpegLsDecoder();
      case JPEG_2000_LOSSLESS:
      case JPEG_2000:
        if (ImageIoFrameDecoder.hasReaderFor("jpeg2000")) {
          return new ImageIoFrameDecoder("jpeg2000");
        }
        break;
      default:
        if (!syntax.encapsulated()
            && syntax.recognized()) { // deflated data sets too: their frames are native
          return new NativeFrameDecoder(
              syntax.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }
        break;
    }
    throw new RenderException(
        RenderFailure.Code.UNSUPPORTED_TRANSFER_SYNTAX,
        UNDECODED_NAMES.getOrDefault(uid, "transfer syntax")
            + " ("
            + uid
            + ") cannot be decoded here");
  }
}
