package org.sinfonia.core.rt;

import java.util.List;

/**
 * What the previewer shows of an RT Structure Set.
 *
 * @param label Structure Set Label (3006,0002)
 * @param name Structure Set Name (3006,0004)
 * @param date Structure Set Date (3006,0008), as stored (YYYYMMDD)
 * @param time Structure Set Time (3006,0009), as stored
 * @param referencedSeries the image series the contours were drawn on
 * @param rois the ROIs in Structure Set ROI Sequence order
 */
public record RtStructureSetSummary(
    String label,
    String name,
    String date,
    String time,
    List<ReferencedSeries> referencedSeries,
    List<RoiSummary> rois) {

  public RtStructureSetSummary {
    referencedSeries = List.copyOf(referencedSeries);
    rois = List.copyOf(rois);
  }
}
