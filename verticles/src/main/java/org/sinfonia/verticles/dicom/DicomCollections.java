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
  /**
   * Counters: {@code _id = "studies"} holds {@code version}, bumped after every change of a study part, so a node
   * may keep the (small) study-part collection in memory and know with one {@code _id} read whether it is current.
   */
  public static final String META = "dicom_meta";
  public static final String STUDIES_VERSION_ID = "studies";

  private DicomCollections() {
  }

  public static String partId(String folderId, String uid) {
    return folderId + "|" + uid;
  }
}
