package org.sinfonia.core.render.frame;

import java.io.IOException;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.StoredFile;
import org.sinfonia.core.render.codec.DecodedFrame;
import org.sinfonia.core.render.codec.EncodedFrame;
import org.sinfonia.core.render.codec.FrameDecoder;
import org.sinfonia.core.render.codec.FrameDecoders;
import org.sinfonia.core.render.codec.StoredValues;

/**
 * Reads and decodes one frame: finds its bytes in the stored file (native offset arithmetic or
 * encapsulated fragments), decodes them with the transfer syntax's decoder, checks the result
 * against the header and keeps the stored bits.
 */
public final class FrameReader {

  private FrameReader() {}

  public static DecodedFrame read(
      StoredFile file,
      DicomDataset header,
      TransferSyntax syntax,
      PixelDescription description,
      int frameIndex)
      throws IOException, RenderException {
    FrameDecoder decoder = FrameDecoders.forSyntax(syntax);
    DicomElement pixelData =
        header
            .find(DicomTags.PIXEL_DATA)
            .orElseThrow(
                () ->
                    new RenderException(
                        RenderFailure.Code.NO_PIXEL_DATA, "the file has no Pixel Data"));
    EncodedFrame encoded;
    if (pixelData.value() instanceof DicomValue.Fragments fragments) {
      if (!syntax.encapsulated()) {
        throw new RenderException(
            RenderFailure.Code.DECODING_FAILED,
            "encapsulated Pixel Data in native transfer syntax " + syntax.uid());
      }
      encoded =
          new EncodedFrame(
              file.read(
                  EncapsulatedFrameLocator.locate(
                      header, fragments, frameIndex, description.frames(), file)),
              0);
    } else if (syntax.deflated()) {
      encoded = DeflatedFrameLocator.read(file, pixelData, description, frameIndex);
    } else if (syntax.encapsulated()) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          "native Pixel Data in compressed transfer syntax " + syntax.uid());
    } else {
      encoded = NativeFrameLocator.read(file, pixelData, description, frameIndex);
    }
    DecodedFrame decoded = decoder.decode(encoded, description);
    if (decoded.columns() != description.columns() || decoded.rows() != description.rows()) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          "decoded "
              + decoded.columns()
              + "x"
              + decoded.rows()
              + " where the header says "
              + description.columns()
              + "x"
              + description.rows());
    }
    return StoredValues.extract(decoded, description);
  }
}
