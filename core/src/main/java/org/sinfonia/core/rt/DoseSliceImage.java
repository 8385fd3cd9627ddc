package org.sinfonia.core.rt;

import java.awt.image.BufferedImage;
import org.sinfonia.core.render.output.PngEncoder;

/**
 * The dose plane through the maximum, colour-mapped, with a legend bar.
 *
 * @param image RGB: the plane (enlarged by a whole factor) and a legend on its right
 * @param frameNumber the plane shown, from 1
 * @param maximumDose the dose at the top of the legend, in {@code units}
 * @param units Dose Units (GY or RELATIVE)
 */
public record DoseSliceImage(
    BufferedImage image, int frameNumber, double maximumDose, String units) {

  public byte[] png() {
    return PngEncoder.encode(image);
  }
}
