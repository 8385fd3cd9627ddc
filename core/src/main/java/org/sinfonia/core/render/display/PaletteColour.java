package org.sinfonia.core.render.display;

import java.io.IOException;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.render.Photometric;
import org.sinfonia.core.render.PixelDescription;
import org.sinfonia.core.render.PixelTags;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.StoredFile;
import org.sinfonia.core.render.codec.DecodedFrame;

/**
 * PALETTE COLOR: each stored value indexes the red, green and blue Palette Color Lookup Tables
 * (descriptors 0028,1101..1103, data 0028,1201..1203, or segmented data 0028,1221..1223); 16-bit
 * entries keep their high byte.
 */
final class PaletteColour {

  private final LookupTable red;
  private final LookupTable green;
  private final LookupTable blue;

  private PaletteColour(LookupTable red, LookupTable green, LookupTable blue) {
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  static PaletteColour of(DicomDataset header, PixelDescription description, StoredFile file)
      throws IOException, RenderException {
    boolean signed = description.signed();
    return new PaletteColour(
        LookupTable.read(
            header,
            PixelTags.RED_PALETTE_DESCRIPTOR,
            PixelTags.RED_PALETTE_DATA,
            PixelTags.SEGMENTED_RED_PALETTE_DATA,
            signed,
            file),
        LookupTable.read(
            header,
            PixelTags.GREEN_PALETTE_DESCRIPTOR,
            PixelTags.GREEN_PALETTE_DATA,
            PixelTags.SEGMENTED_GREEN_PALETTE_DATA,
            signed,
            file),
        LookupTable.read(
            header,
            PixelTags.BLUE_PALETTE_DESCRIPTOR,
            PixelTags.BLUE_PALETTE_DATA,
            PixelTags.SEGMENTED_BLUE_PALETTE_DATA,
            signed,
            file));
  }

  /** Stored values (one sample per pixel) to RGB samples. */
  DecodedFrame toRgb(DecodedFrame indices) {
    int[] values = indices.samples();
    int[] rgb = new int[values.length * 3];
    for (int i = 0; i < values.length; i++) {
      rgb[3 * i] = eightBits(red, values[i]);
      rgb[3 * i + 1] = eightBits(green, values[i]);
      rgb[3 * i + 2] = eightBits(blue, values[i]);
    }
    return indices.as(Photometric.RGB, 3, rgb);
  }

  private static int eightBits(LookupTable table, int value) {
    int entry = table.lookup(value);
    return table.bits() > 8 ? entry >> (table.bits() - 8) : entry;
  }
}
