package org.sinfonia.core.rt;

import java.util.List;

/**
 * One ROI of a structure set, joined from the Structure Set ROI Sequence and the ROI Contour
 * Sequence.
 *
 * @param number ROI Number (3006,0022)
 * @param name ROI Name (3006,0026)
 * @param generationAlgorithm ROI Generation Algorithm (3006,0036): AUTOMATIC, SEMIAUTOMATIC, MANUAL
 * @param referencedFrameOfReferenceUid Referenced Frame of Reference UID (3006,0024)
 * @param displayColour ROI Display Color (3006,002A): red, green, blue 0..255; empty if absent
 * @param contourCount items of its Contour Sequence
 * @param pointCount sum of Number of Contour Points (3006,0046) over its contours
 */
public record RoiSummary(
    int number,
    String name,
    String generationAlgorithm,
    String referencedFrameOfReferenceUid,
    List<Integer> displayColour,
    int contourCount,
    long pointCount) {

  public RoiSummary {
    displayColour = List.copyOf(displayColour);
  }
}
