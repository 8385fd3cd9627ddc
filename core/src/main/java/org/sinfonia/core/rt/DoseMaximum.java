package org.sinfonia.core.rt;

import java.util.List;

/**
 * Where the dose grid peaks.
 *
 * @param dose stored value x Dose Grid Scaling, in the grid's Dose Units (Gy for GY)
 * @param storedValue the largest stored value
 * @param frameNumber the plane holding it, from 1 (the first such plane if several do)
 * @param row its row, from 0
 * @param column its column, from 0
 * @param position its patient coordinates in mm (empty if the geometry is incomplete)
 */
public record DoseMaximum(
    double dose, long storedValue, int frameNumber, int row, int column, List<Double> position) {

  public DoseMaximum {
    position = List.copyOf(position);
  }
}
