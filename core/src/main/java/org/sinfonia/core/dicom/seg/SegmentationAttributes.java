package org.sinfonia.core.dicom.seg;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.dicom.write.DicomPart10Writer;

/**
 * Writes the attributes of a Segmentation instance (PS3.3 A.51) that come before Pixel Data, in
 * ascending tag order: SOP Common, Patient, General Study, Segmentation Series, Frame of Reference,
 * Enhanced General Equipment, General Image, Segmentation Image, Multi-frame Functional Groups
 * (shared and per-frame), Multi-frame Dimension and Common Instance Reference.
 */
final class SegmentationAttributes {

  static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.66.4";

  private static final int IMAGE_TYPE = DicomTags.IMAGE_TYPE;
  private static final int INSTANCE_CREATION_DATE = 0x00080012;
  private static final int INSTANCE_CREATION_TIME = 0x00080013;
  private static final int CONTENT_DATE = 0x00080023;
  private static final int CONTENT_TIME = 0x00080033;
  private static final int MANUFACTURER = 0x00080070;
  private static final int CODE_VALUE = 0x00080100;
  private static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
  private static final int CODE_MEANING = 0x00080104;
  private static final int MANUFACTURER_MODEL_NAME = 0x00081090;
  private static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
  private static final int REFERENCED_INSTANCE_SEQUENCE = 0x0008114A;
  private static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
  private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  private static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
  private static final int DERIVATION_IMAGE_SEQUENCE = 0x00089124;
  private static final int DERIVATION_CODE_SEQUENCE = 0x00089215;
  private static final int SLICE_THICKNESS = 0x00180050;
  private static final int DEVICE_SERIAL_NUMBER = 0x00181000;
  private static final int SOFTWARE_VERSIONS = 0x00181020;
  private static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
  private static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
  private static final int PLANE_POSITION_SEQUENCE = 0x00209113;
  private static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
  private static final int DIMENSION_INDEX_VALUES = 0x00209157;
  private static final int DIMENSION_ORGANIZATION_UID = 0x00209164;
  private static final int DIMENSION_INDEX_POINTER = 0x00209165;
  private static final int FUNCTIONAL_GROUP_POINTER = 0x00209167;
  private static final int DIMENSION_ORGANIZATION_SEQUENCE = 0x00209221;
  private static final int DIMENSION_INDEX_SEQUENCE = 0x00209222;
  private static final int DIMENSION_DESCRIPTION_LABEL = 0x00209421;
  private static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
  private static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
  private static final int PURPOSE_OF_REFERENCE_CODE_SEQUENCE = 0x0040A170;
  private static final int SEGMENTATION_TYPE = 0x00620001;
  private static final int SEGMENT_SEQUENCE = 0x00620002;
  private static final int SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE = 0x00620003;
  private static final int SEGMENT_NUMBER = 0x00620004;
  private static final int SEGMENT_LABEL = 0x00620005;
  private static final int SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE = 0x00620007;
  private static final int SEGMENT_ALGORITHM_TYPE = 0x00620008;
  private static final int SEGMENT_ALGORITHM_NAME = 0x00620009;
  private static final int SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000A;
  private static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
  private static final int RECOMMENDED_DISPLAY_CIELAB_VALUE = 0x0062000D;
  private static final int SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE = 0x0062000F;
  private static final int ALGORITHM_FAMILY_CODE_SEQUENCE = 0x0066002F;
  private static final int ALGORITHM_VERSION = 0x00660031;
  private static final int ALGORITHM_NAME = 0x00660036;
  private static final int CONTENT_LABEL = 0x00700080;
  private static final int CONTENT_DESCRIPTION = 0x00700081;
  private static final int CONTENT_CREATOR_NAME = 0x00700084;
  private static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
  private static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;

  private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss.SSSSSS");

  private final SegmentationHeader header;
  private final List<FrameRef> frames;
  private final String dimensionOrganizationUid = Uids.random();

  SegmentationAttributes(SegmentationHeader header, List<FrameRef> frames) {
    this.header = header;
    this.frames = frames;
  }

  void write(DicomPart10Writer w) throws IOException {
    SegmentationSeries series = header.series();
    SourceStudy study = header.study();
    Equipment equipment = header.equipment();
    SourceImage first = header.sources().get(0);
    String date = series.contentDateTime().format(DA);
    String time = series.contentDateTime().format(TM);
    w.string(DicomTags.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192")
        .string(IMAGE_TYPE, Vr.CS, "DERIVED", "PRIMARY")
        .string(INSTANCE_CREATION_DATE, Vr.DA, date)
        .string(INSTANCE_CREATION_TIME, Vr.TM, time)
        .string(DicomTags.SOP_CLASS_UID, Vr.UI, SOP_CLASS_UID)
        .string(DicomTags.SOP_INSTANCE_UID, Vr.UI, series.sopInstanceUid())
        .string(DicomTags.STUDY_DATE, Vr.DA, orEmpty(study.studyDate()))
        .string(DicomTags.SERIES_DATE, Vr.DA, date)
        .string(CONTENT_DATE, Vr.DA, date)
        .string(DicomTags.STUDY_TIME, Vr.TM, orEmpty(study.studyTime()))
        .string(DicomTags.SERIES_TIME, Vr.TM, time)
        .string(CONTENT_TIME, Vr.TM, time)
        .string(DicomTags.ACCESSION_NUMBER, Vr.SH, orEmpty(study.accessionNumber()))
        .string(DicomTags.MODALITY, Vr.CS, "SEG")
        .string(MANUFACTURER, Vr.LO, equipment.manufacturer())
        .string(DicomTags.REFERRING_PHYSICIAN_NAME, Vr.PN, orEmpty(study.referringPhysicianName()));
    if (series.seriesDescription() != null) {
      w.string(DicomTags.SERIES_DESCRIPTION, Vr.LO, series.seriesDescription());
    }
    w.string(MANUFACTURER_MODEL_NAME, Vr.LO, equipment.modelName());
    referencedSeries(w);
    w.string(DicomTags.PATIENT_NAME, Vr.PN, orEmpty(study.patientName()))
        .string(DicomTags.PATIENT_ID, Vr.LO, orEmpty(study.patientId()))
        .string(DicomTags.PATIENT_BIRTH_DATE, Vr.DA, orEmpty(study.patientBirthDate()))
        .string(DicomTags.PATIENT_SEX, Vr.CS, orEmpty(study.patientSex()))
        .string(DEVICE_SERIAL_NUMBER, Vr.LO, equipment.deviceSerialNumber())
        .string(SOFTWARE_VERSIONS, Vr.LO, equipment.softwareVersions())
        .string(DicomTags.STUDY_INSTANCE_UID, Vr.UI, study.studyInstanceUid())
        .string(DicomTags.SERIES_INSTANCE_UID, Vr.UI, series.seriesInstanceUid())
        .string(DicomTags.STUDY_ID, Vr.SH, orEmpty(study.studyId()))
        .string(DicomTags.SERIES_NUMBER, Vr.IS, Integer.toString(series.seriesNumber()))
        .string(DicomTags.INSTANCE_NUMBER, Vr.IS, Integer.toString(series.instanceNumber()))
        .string(DicomTags.FRAME_OF_REFERENCE_UID, Vr.UI, first.frameOfReferenceUid())
        .string(POSITION_REFERENCE_INDICATOR, Vr.LO, "");
    dimensions(w);
    w.us(DicomTags.SAMPLES_PER_PIXEL, 1)
        .string(DicomTags.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2")
        .string(DicomTags.NUMBER_OF_FRAMES, Vr.IS, Integer.toString(frames.size()))
        .us(DicomTags.ROWS, header.rows())
        .us(DicomTags.COLUMNS, header.columns())
        .us(DicomTags.BITS_ALLOCATED, 1)
        .us(DicomTags.BITS_STORED, 1)
        .us(DicomTags.HIGH_BIT, 0)
        .us(DicomTags.PIXEL_REPRESENTATION, 0)
        .string(LOSSY_IMAGE_COMPRESSION, Vr.CS, "00")
        .string(SEGMENTATION_TYPE, Vr.CS, "BINARY");
    segments(w);
    w.string(CONTENT_LABEL, Vr.CS, series.contentLabel())
        .string(CONTENT_DESCRIPTION, Vr.LO, orEmpty(series.contentDescription()))
        .string(CONTENT_CREATOR_NAME, Vr.PN, orEmpty(series.contentCreator()));
    sharedFunctionalGroups(w, first);
    perFrameFunctionalGroups(w);
  }

  /** Common Instance Reference: every source instance, grouped by series, in the given order. */
  private void referencedSeries(DicomPart10Writer w) throws IOException {
    Map<String, List<SourceImage>> bySeries = new LinkedHashMap<>();
    for (SourceImage image : header.sources()) {
      bySeries.computeIfAbsent(image.seriesInstanceUid(), k -> new ArrayList<>()).add(image);
    }
    w.startSequence(REFERENCED_SERIES_SEQUENCE);
    for (Map.Entry<String, List<SourceImage>> series : bySeries.entrySet()) {
      w.startItem().startSequence(REFERENCED_INSTANCE_SEQUENCE);
      for (SourceImage image : series.getValue()) {
        w.startItem();
        reference(w, image);
        w.endItem();
      }
      w.endSequence().string(DicomTags.SERIES_INSTANCE_UID, Vr.UI, series.getKey()).endItem();
    }
    w.endSequence();
  }

  /** Two dimensions: the segment, then the position along the slice normal. */
  private void dimensions(DicomPart10Writer w) throws IOException {
    w.startSequence(DIMENSION_ORGANIZATION_SEQUENCE)
        .startItem()
        .string(DIMENSION_ORGANIZATION_UID, Vr.UI, dimensionOrganizationUid)
        .endItem()
        .endSequence();
    w.startSequence(DIMENSION_INDEX_SEQUENCE);
    dimension(
        w, REFERENCED_SEGMENT_NUMBER, SEGMENT_IDENTIFICATION_SEQUENCE, "ReferencedSegmentNumber");
    dimension(w, DicomTags.IMAGE_POSITION_PATIENT, PLANE_POSITION_SEQUENCE, "ImagePositionPatient");
    w.endSequence();
  }

  private void dimension(DicomPart10Writer w, int pointer, int group, String label)
      throws IOException {
    w.startItem()
        .string(DIMENSION_ORGANIZATION_UID, Vr.UI, dimensionOrganizationUid)
        .at(DIMENSION_INDEX_POINTER, pointer)
        .at(FUNCTIONAL_GROUP_POINTER, group)
        .string(DIMENSION_DESCRIPTION_LABEL, Vr.LO, label)
        .endItem();
  }

  private void segments(DicomPart10Writer w) throws IOException {
    w.startSequence(SEGMENT_SEQUENCE);
    for (Segment segment : header.segments()) {
      w.startItem();
      code(w, SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, segment.category());
      w.us(SEGMENT_NUMBER, segment.number()).string(SEGMENT_LABEL, Vr.LO, segment.label());
      if (segment.hasAlgorithm()) {
        w.startSequence(SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE).startItem();
        code(w, ALGORITHM_FAMILY_CODE_SEQUENCE, CodedConcept.ARTIFICIAL_INTELLIGENCE);
        w.string(ALGORITHM_VERSION, Vr.LO, segment.algorithmVersion())
            .string(ALGORITHM_NAME, Vr.LO, segment.algorithmName())
            .endItem()
            .endSequence();
      }
      w.string(SEGMENT_ALGORITHM_TYPE, Vr.CS, segment.algorithmType().name());
      if (segment.algorithmName() != null && !segment.algorithmName().isBlank()) {
        w.string(SEGMENT_ALGORITHM_NAME, Vr.LO, segment.algorithmName());
      }
      if (segment.cieLab() != null) {
        w.us(RECOMMENDED_DISPLAY_CIELAB_VALUE, segment.cieLab());
      }
      code(w, SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, segment.type());
      w.endItem();
    }
    w.endSequence();
  }

  private void sharedFunctionalGroups(DicomPart10Writer w, SourceImage first) throws IOException {
    w.startSequence(SHARED_FUNCTIONAL_GROUPS_SEQUENCE).startItem();
    w.startSequence(PLANE_ORIENTATION_SEQUENCE)
        .startItem()
        .string(
            DicomTags.IMAGE_ORIENTATION_PATIENT, Vr.DS, DecimalStrings.format(first.orientation()))
        .endItem()
        .endSequence();
    w.startSequence(PIXEL_MEASURES_SEQUENCE).startItem();
    if (first.sliceThickness() != null) {
      w.string(SLICE_THICKNESS, Vr.DS, DecimalStrings.format(first.sliceThickness()));
    }
    w.string(DicomTags.PIXEL_SPACING, Vr.DS, DecimalStrings.format(first.pixelSpacing()))
        .endItem()
        .endSequence();
    w.endItem().endSequence();
  }

  /** One item per frame: its source slice, dimension index values, position and segment. */
  private void perFrameFunctionalGroups(DicomPart10Writer w) throws IOException {
    w.startSequence(PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
    for (FrameRef frame : frames) {
      SourceImage source = header.sources().get(frame.sliceIndex());
      w.startItem();
      w.startSequence(DERIVATION_IMAGE_SEQUENCE).startItem();
      w.startSequence(SOURCE_IMAGE_SEQUENCE).startItem();
      reference(w, source);
      code(w, PURPOSE_OF_REFERENCE_CODE_SEQUENCE, CodedConcept.SOURCE_IMAGE_FOR_PROCESSING);
      w.endItem().endSequence();
      code(w, DERIVATION_CODE_SEQUENCE, CodedConcept.SEGMENTATION);
      w.endItem().endSequence();
      w.startSequence(FRAME_CONTENT_SEQUENCE)
          .startItem()
          .ul(
              DIMENSION_INDEX_VALUES,
              frame.segmentNumber(),
              header.positionIndex(frame.sliceIndex()))
          .endItem()
          .endSequence();
      w.startSequence(PLANE_POSITION_SEQUENCE)
          .startItem()
          .string(DicomTags.IMAGE_POSITION_PATIENT, Vr.DS, DecimalStrings.format(source.position()))
          .endItem()
          .endSequence();
      w.startSequence(SEGMENT_IDENTIFICATION_SEQUENCE)
          .startItem()
          .us(REFERENCED_SEGMENT_NUMBER, frame.segmentNumber())
          .endItem()
          .endSequence();
      w.endItem();
    }
    w.endSequence();
  }

  private static void reference(DicomPart10Writer w, SourceImage image) throws IOException {
    w.string(REFERENCED_SOP_CLASS_UID, Vr.UI, image.sopClassUid())
        .string(REFERENCED_SOP_INSTANCE_UID, Vr.UI, image.sopInstanceUid());
  }

  /** A code sequence of one item (Code Sequence Macro). */
  private static void code(DicomPart10Writer w, int tag, CodedConcept code) throws IOException {
    w.startSequence(tag)
        .startItem()
        .string(CODE_VALUE, Vr.SH, code.value())
        .string(CODING_SCHEME_DESIGNATOR, Vr.SH, code.scheme())
        .string(CODE_MEANING, Vr.LO, code.meaning())
        .endItem()
        .endSequence();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
