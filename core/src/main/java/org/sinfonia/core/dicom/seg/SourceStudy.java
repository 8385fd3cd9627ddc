package org.sinfonia.core.dicom.seg;

import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;

/**
 * The Patient and General Study attributes a segmentation copies from its source, as DICOM strings
 * (dates DA, times TM, names PN). Only the Study Instance UID is required; the others are type 2
 * and written empty when null.
 */
public record SourceStudy(
    String patientName,
    String patientId,
    String patientBirthDate,
    String patientSex,
    String studyInstanceUid,
    String studyDate,
    String studyTime,
    String studyId,
    String accessionNumber,
    String referringPhysicianName) {

  public SourceStudy {
    if (studyInstanceUid == null || studyInstanceUid.isBlank()) {
      throw new IllegalArgumentException("a source study needs its Study Instance UID");
    }
  }

  /** The attributes of a source instance read by our parser. */
  public static SourceStudy of(DicomDataset source) {
    return new SourceStudy(
        source.string(DicomTags.PATIENT_NAME),
        source.string(DicomTags.PATIENT_ID),
        source.string(DicomTags.PATIENT_BIRTH_DATE),
        source.string(DicomTags.PATIENT_SEX),
        source.string(DicomTags.STUDY_INSTANCE_UID),
        source.string(DicomTags.STUDY_DATE),
        source.string(DicomTags.STUDY_TIME),
        source.string(DicomTags.STUDY_ID),
        source.string(DicomTags.ACCESSION_NUMBER),
        source.string(DicomTags.REFERRING_PHYSICIAN_NAME));
  }
}
