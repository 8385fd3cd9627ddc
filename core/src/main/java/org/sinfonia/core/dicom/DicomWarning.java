package org.sinfonia.core.dicom;

/**
 * Something a DICOM file does that the standard forbids but real archives accept, noticed while it
 * was read. The file is still stored and indexed (under its data set's UIDs); the warning is kept
 * with it and answered to the client (STOW-RS Warning Reason).
 */
public record DicomWarning(Kind kind, String message) {

  public enum Kind {
    /**
     * The file meta's Media Storage SOP Class/Instance UID (0002,0002)/(0002,0003) differ from the
     * data set's.
     */
    FILE_META_MISMATCH,
    /** Group 0002 elements appear inside the data set, after the file meta information. */
    FILE_META_IN_DATASET
  }
}
