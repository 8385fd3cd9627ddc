package org.sinfonia.core.render;

import java.awt.image.BufferedImage;

/**
 * How far a rendered image is from a reference PGM/PPM: the largest absolute difference of any
 * sample and the share of samples that are exactly equal.
 *
 * @param maxAbsDifference largest |ours - reference| over all samples
 * @param exactShare share of samples that are equal, 0..1
 */
record ImageDifference(int maxAbsDifference, double exactShare) {

  static ImageDifference between(BufferedImage ours, Pnm reference) {
    if (ours.getWidth() != reference.width() || ours.getHeight() != reference.height()) {
      throw new AssertionError(
          "size "
              + ours.getWidth()
              + "x"
              + ours.getHeight()
              + " vs reference "
              + reference.width()
              + "x"
              + reference.height());
    }
    int max = 0;
    long equal = 0;
    int[] samples = reference.samples();
    for (int y = 0; y < reference.height(); y++) {
      for (int x = 0; x < reference.width(); x++) {
        int rgb = ours.getRGB(x, y);
        int[] mine =
            reference.channels() == 1
                ? new int[] {ours.getRaster().getSample(x, y, 0)}
                : new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
        for (int c = 0; c < reference.channels(); c++) {
          int difference =
              Math.abs(mine[c] - samples[(y * reference.width() + x) * reference.channels() + c]);
          max = Math.max(max, difference);
          equal += difference == 0 ? 1 : 0;
        }
      }
    }
    return new ImageDifference(max, (double) equal / samples.length);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "max |diff| %d, %.2f%% exact", maxAbsDifference, exactShare * 100);
  }
}
