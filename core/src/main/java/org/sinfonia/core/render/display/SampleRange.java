package org.sinfonia.core.render.display;

/**
 * The smallest and largest sample of a frame.
 *
 * @param min smallest value
 * @param max largest value
 */
record SampleRange(int min, int max) {

  static SampleRange of(int[] samples) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int sample : samples) {
      if (sample < min) {
        min = sample;
      }
      if (sample > max) {
        max = sample;
      }
    }
    return samples.length == 0 ? new SampleRange(0, 0) : new SampleRange(min, max);
  }

  long span() {
    return (long) max - min + 1;
  }
}
