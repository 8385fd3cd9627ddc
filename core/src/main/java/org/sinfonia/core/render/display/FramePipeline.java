package org.sinfonia.core.render.display;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.render.Photometric;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderRequest;
import org.sinfonia.core.render.StoredFile;
import org.sinfonia.core.render.codec.DecodedFrame;
import org.sinfonia.core.render.output.ImageResizer;
import org.sinfonia.core.render.output.RenderSize;

/**
 * From a decoded frame to the display image of the requested size. Greyscale: modality transform,
 * VOI window (chosen on the full frame), downscale by halving the stored values, one table lookup
 * per remaining pixel, MONOCHROME1 inverted. Colour: palette or YBR to RGB, then the same halving.
 * A last bilinear step reaches the exact size.
 */
public final class FramePipeline {

  /** The display image and the window that made it (none for colour or a VOI LUT). */
  public record Output(BufferedImage image, Optional<Window> window) {}

  private FramePipeline() {}

  public static Output display(
      DecodedFrame frame,
      DicomDataset header,
      PixelDescription description,
      RenderRequest request,
      StoredFile file)
      throws IOException, RenderException {
    RenderSize.Dimensions target = request.size().fit(frame.columns(), frame.rows());
    if (frame.photometric().isMonochrome()) {
      ModalityTransform modality = ModalityTransform.of(header, description, file);
      SampleRange range = SampleRange.of(frame.samples());
      VoiSelection voi =
          VoiSelection.choose(request.window(), header, modality, frame.samples(), range, file);
      DecodedFrame small = SampleHalver.halveTowards(frame, target.width(), target.height());
      GreyscaleMapper mapper =
          new GreyscaleMapper(modality, voi, frame.photometric() == Photometric.MONOCHROME1);
      BufferedImage image =
          DisplayImages.grey(mapper.map(small.samples(), range), small.columns(), small.rows());
      return new Output(ImageResizer.resize(image, target), voi.window());
    }
    DecodedFrame rgb =
        frame.photometric() == Photometric.PALETTE_COLOR
            ? PaletteColour.of(header, description, file).toRgb(frame)
            : ColourConverter.toRgb(frame, description.bitsStored());
    DecodedFrame small = SampleHalver.halveTowards(rgb, target.width(), target.height());
    BufferedImage image = DisplayImages.rgb(small.samples(), small.columns(), small.rows());
    return new Output(ImageResizer.resize(image, target), Optional.empty());
  }
}
