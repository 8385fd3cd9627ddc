package org.sinfonia.core.rt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;

/**
 * Summarises an RT Structure Set from its header alone: contour point counts come from Number of
 * Contour Points, so Contour Data (often kept in the file as bulk data) is never read here.
 */
public final class RtStructureSetReader {

  private RtStructureSetReader() {}

  public static RtStructureSetSummary summarize(DicomDataset header) {
    return new RtStructureSetSummary(
        RtValues.text(header, RtTags.STRUCTURE_SET_LABEL),
        RtValues.text(header, RtTags.STRUCTURE_SET_NAME),
        RtValues.text(header, RtTags.STRUCTURE_SET_DATE),
        RtValues.text(header, RtTags.STRUCTURE_SET_TIME),
        referencedSeries(header),
        rois(header));
  }

  private static List<ReferencedSeries> referencedSeries(DicomDataset header) {
    List<ReferencedSeries> series = new ArrayList<>();
    for (DicomDataset frame :
        RtValues.items(header, RtTags.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
      String frameOfReference = RtValues.text(frame, DicomTags.FRAME_OF_REFERENCE_UID);
      for (DicomDataset study : RtValues.items(frame, RtTags.RT_REFERENCED_STUDY_SEQUENCE)) {
        String studyUid = RtValues.text(study, RtTags.REFERENCED_SOP_INSTANCE_UID);
        for (DicomDataset item : RtValues.items(study, RtTags.RT_REFERENCED_SERIES_SEQUENCE)) {
          series.add(
              new ReferencedSeries(
                  frameOfReference,
                  studyUid,
                  RtValues.text(item, DicomTags.SERIES_INSTANCE_UID),
                  RtValues.items(item, RtTags.CONTOUR_IMAGE_SEQUENCE).size()));
        }
      }
    }
    return series;
  }

  private static List<RoiSummary> rois(DicomDataset header) {
    Map<Integer, DicomDataset> contoursByRoi = new HashMap<>();
    for (DicomDataset item : RtValues.items(header, RtTags.ROI_CONTOUR_SEQUENCE)) {
      Integer roi = RtValues.integer(item, RtTags.REFERENCED_ROI_NUMBER);
      if (roi != null) {
        contoursByRoi.putIfAbsent(roi, item);
      }
    }
    List<RoiSummary> rois = new ArrayList<>();
    for (DicomDataset roi : RtValues.items(header, RtTags.STRUCTURE_SET_ROI_SEQUENCE)) {
      Integer number = RtValues.integer(roi, RtTags.ROI_NUMBER);
      DicomDataset contours = number == null ? null : contoursByRoi.get(number);
      List<Integer> colour =
          contours == null ? List.of() : RtValues.integers(contours, RtTags.ROI_DISPLAY_COLOR);
      List<DicomDataset> contourItems =
          contours == null ? List.of() : RtValues.items(contours, RtTags.CONTOUR_SEQUENCE);
      long points = 0;
      for (DicomDataset contour : contourItems) {
        Integer count = RtValues.integer(contour, RtTags.NUMBER_OF_CONTOUR_POINTS);
        points += count == null ? 0 : count;
      }
      rois.add(
          new RoiSummary(
              number == null ? 0 : number,
              RtValues.text(roi, RtTags.ROI_NAME),
              RtValues.text(roi, RtTags.ROI_GENERATION_ALGORITHM),
              RtValues.text(roi, RtTags.REFERENCED_FRAME_OF_REFERENCE_UID),
              colour.size() == 3 ? colour : List.of(),
              contourItems.size(),
              points));
    }
    return rois;
  }
}
