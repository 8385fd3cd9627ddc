package org.sinfonia.core.render.codec;

import org.sinfonia.core.render.PixelDescription;

/**
 * Keeps the Bits Stored of each sample that end at the High Bit and applies Pixel Representation:
 * the step between a container value (16 bits of which 12 are stored, say) and the stored value
 * that the modality LUT takes. Overlay bits above the High Bit are dropped here.
 */
public final class StoredValues {

  private StoredValues() {}

  /** Turns the container values of {@code frame} into stored values, in place. */
  public static DecodedFrame extract(DecodedFrame frame, PixelDescription description) {
    int bitsStored = description.bitsStored();
    int[] samples = frame.samples();
    if (bitsStored == 32) {
      if (!description.signed()) {
        for (int i = 0; i < samples.length; i++) {
          if (samples[i] < 0) {
            samples[i] =
                Integer.MAX_VALUE; // unsigned 32-bit values past 2^31-1 saturate (documented)
          }
        }
      }
      return frame;
    }
    int shift = description.highBit() + 1 - bitsStored;
    int mask = (1 << bitsStored) - 1;
    int signBit = 1 << (bitsStored - 1);
    boolean signed = description.signed();
    for (int i = 0; i < samples.length; i++) {
      int value = samples[i] >>> shift & mask;
      samples[i] = signed && (value & signBit) != 0 ? value - (mask + 1) : value;
    }
    return frame;
  }
}
