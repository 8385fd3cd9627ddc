package org.sinfonia.verticles.dicom;

/**
 * The DICOM index collections. Instances are keyed by SOP Instance UID; studies and series by
 * {@code folderId|uid}: one summary per folder that holds part of a study, because access is per folder,
 * so a caller's view of a study is the merge of the parts they can read, with exact counts.
 */
public final class DicomCollections {

  public static final String INSTANCES = "dicom_instances";
  public static final String SERIES = "dicom_series";
  public static final String STUDIES = "dicom_studies";

  private DicomCollections() {
  }

  public static String partId(String folderId, String uid) {
    return folderId + "|" + uid;
  }
}
