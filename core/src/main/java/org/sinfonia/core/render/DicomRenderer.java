package org.sinfonia.core.render;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.render.codec.DecodedFrame;
import org.sinfonia.core.render.display.FramePipeline;
import org.sinfonia.core.render.frame.FrameReader;
import org.sinfonia.core.render.output.PlaceholderImage;
import org.sinfonia.core.render.output.RenderSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders one frame of a stored DICOM image to an 8-bit grey or RGB image, reading only that
 * frame's bytes from the file (the header's offsets say where). Never throws for bad or unsupported
 * input: the result is then a placeholder of the requested size with a {@link RenderFailure}.
 * Stateless and thread-safe; blocking (file reads, decoding), so callers on an event loop hand it
 * to a worker.
 */
public final class DicomRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(DicomRenderer.class);
  private static final int PREVIEW_SIDE = RenderSize.PREVIEW.longestSide();

  /**
   * @param storedFile the stored DICOM file whose header is {@code header}
   * @param header the data set the ingest parser collected (file meta included)
   */
  public RenderResult render(Path storedFile, DicomDataset header, RenderRequest request) {
    return render(BlobSource.of(storedFile), header, request);
  }

  public RenderResult render(BlobSource storedFile, DicomDataset header, RenderRequest request) {
    TransferSyntax syntax = transferSyntaxOf(header);
    PixelDescription description = null;
    int frameIndex = -1;
    try {
      description = PixelDescription.of(header); // before any I/O: an RT Structure Set stops here
      frameIndex = request.frameIndex(description.frames());
      try (SeekableByteChannel channel = storedFile.open()) {
        StoredFile file = new StoredFile(channel, syntax.bigEndian());
        DecodedFrame frame = FrameReader.read(file, header, syntax, description, frameIndex);
        FramePipeline.Output output =
            FramePipeline.display(frame, header, description, request, file);
        return new RenderResult(
            output.image(),
            Optional.empty(),
            frameIndex + 1,
            description.frames(),
            description.columns(),
            description.rows(),
            syntax.uid(),
            output.window());
      }
    } catch (RenderException e) {
      return placeholder(e.failure(), request, description, frameIndex, syntax);
    } catch (IOException e) {
      return placeholder(
          new RenderFailure(RenderFailure.Code.IO_ERROR, e.toString()),
          request,
          description,
          frameIndex,
          syntax);
    } catch (RuntimeException e) {
      // a decoder meeting corrupt data may fail anywhere; the caller still gets an image and a
      // reason
      LOG.debug("rendering {} failed", storedFile, e);
      return placeholder(
          new RenderFailure(RenderFailure.Code.DECODING_FAILED, e.toString()),
          request,
          description,
          frameIndex,
          syntax);
    }
  }

  /**
   * The file meta's Transfer Syntax UID; implicit VR little endian, DICOM's default, if there is
   * none.
   */
  public static TransferSyntax transferSyntaxOf(DicomDataset header) {
    String uid = header.string(DicomTags.TRANSFER_SYNTAX_UID);
    return TransferSyntax.forUid(
        uid == null ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN_UID : uid.trim());
  }

  private static RenderResult placeholder(
      RenderFailure failure,
      RenderRequest request,
      PixelDescription description,
      int frameIndex,
      TransferSyntax syntax) {
    return new RenderResult(
        PlaceholderImage.of(failure, placeholderSize(request, description)),
        Optional.of(failure),
        frameIndex + 1,
        description == null ? 0 : description.frames(),
        description == null ? 0 : description.columns(),
        description == null ? 0 : description.rows(),
        syntax.uid(),
        Optional.empty());
  }

  /**
   * The size the rendering would have had; a square of the requested size (512 for full) if
   * unknown.
   */
  private static RenderSize.Dimensions placeholderSize(
      RenderRequest request, PixelDescription description) {
    if (description != null) {
      return request.size().fit(description.columns(), description.rows());
    }
    int side = request.size() == RenderSize.FULL ? PREVIEW_SIDE : request.size().longestSide();
    return new RenderSize.Dimensions(side, side);
  }
}
