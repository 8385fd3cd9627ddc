package org.sinfonia.core.dicom;

import java.util.List;

/**
 * The Patient/Study, Series and Instance levels of the index, with the attributes each level keeps
 * for QIDO-RS and OHIF (PS3.18 Table 10.6.1-5, "default attributes"), keyed as DICOM JSON tags.
 */
public enum DicomLevel {
  STUDY(
      List.of(
          DicomTags.SPECIFIC_CHARACTER_SET,
          DicomTags.STUDY_DATE,
          DicomTags.STUDY_TIME,
          DicomTags.ACCESSION_NUMBER,
          DicomTags.INSTANCE_AVAILABILITY,
          DicomTags.REFERRING_PHYSICIAN_NAME,
          DicomTags.TIMEZONE_OFFSET_FROM_UTC,
          DicomTags.STUDY_DESCRIPTION,
          DicomTags.PATIENT_NAME,
          DicomTags.PATIENT_ID,
          DicomTags.PATIENT_BIRTH_DATE,
          DicomTags.PATIENT_SEX,
          DicomTags.STUDY_INSTANCE_UID,
          DicomTags.STUDY_ID)),

  SERIES(
      List.of(
          DicomTags.SPECIFIC_CHARACTER_SET,
          DicomTags.MODALITY,
          DicomTags.SERIES_DESCRIPTION,
          DicomTags.SERIES_INSTANCE_UID,
          DicomTags.SERIES_NUMBER,
          DicomTags.SERIES_DATE,
          DicomTags.SERIES_TIME,
          DicomTags.STUDY_INSTANCE_UID,
          DicomTags.FRAME_OF_REFERENCE_UID)),

  INSTANCE(
      List.of(
          DicomTags.SPECIFIC_CHARACTER_SET,
          DicomTags.SOP_CLASS_UID,
          DicomTags.SOP_INSTANCE_UID,
          DicomTags.INSTANCE_AVAILABILITY,
          DicomTags.INSTANCE_NUMBER,
          DicomTags.ROWS,
          DicomTags.COLUMNS,
          DicomTags.NUMBER_OF_FRAMES,
          DicomTags.BITS_ALLOCATED,
          DicomTags.STUDY_INSTANCE_UID,
          DicomTags.SERIES_INSTANCE_UID,
          DicomTags.TRANSFER_SYNTAX_UID));

  private final List<Integer> tags;

  DicomLevel(List<Integer> tags) {
    this.tags = tags;
  }

  public List<Integer> tags() {
    return tags;
  }

  /** The DICOM JSON keys ("0020000D") of this level's attributes. */
  public List<String> keys() {
    return tags.stream().map(DicomTags::hex).toList();
  }
}
