package org.sinfonia.core.dicomweb;

import java.util.List;
import org.sinfonia.core.dicom.DicomWarning;

/**
 * Why STOW-RS refused an instance (Failure Reason, 0008,1197) or stored it with a reservation
 * (Warning Reason, 0008,1196): PS3.18 section 10.5.3 and the storage status codes of PS3.4 Annex B.
 */
public enum StowReason {
  /** 0xA700 Refused: out of resources (storage full, file larger than the configured limit). */
  OUT_OF_RESOURCES(0xA700, false),
  /**
   * 0xA900 Error: data set does not match SOP class; used for an instance whose Study Instance UID
   * is not the one in the request URL.
   */
  DATASET_DOES_NOT_MATCH(0xA900, false),
  /** 0xC000 Error: cannot understand (not DICOM, truncated, no instance UIDs). */
  CANNOT_UNDERSTAND(0xC000, false),
  /** 0x0110 Processing failure (an unexpected error while storing). */
  PROCESSING_FAILURE(0x0110, false),
  /**
   * 0x0124 Refused: not authorized. The destination's privacy policy refuses the instance
   * (identifying data under {@code reject}, burned-in annotation, or not de-identifiable).
   */
  NOT_AUTHORIZED(0x0124, false),
  /** 0x0122 Refused: SOP class not supported (no SOP Class UID at all). */
  SOP_CLASS_NOT_SUPPORTED(0x0122, false),
  /**
   * 0xC122 Referenced transfer syntax not supported (the part's transfer-syntax differs from the
   * file's).
   */
  TRANSFER_SYNTAX_NOT_SUPPORTED(0xC122, false),
  /** 0xB000 Warning: coercion of data elements. */
  COERCION(0xB000, true),
  /** 0xB006 Warning: elements discarded. */
  ELEMENTS_DISCARDED(0xB006, true),
  /**
   * 0xB007 Warning: data set does not match SOP class. The instance was stored unchanged although
   * its file meta names another instance or class, or its data set repeats file meta elements
   * ({@link DicomWarning}).
   */
  DATASET_MISMATCH_WARNING(0xB007, true);

  /**
   * The Warning Reason for an instance stored with these warnings, or null for none. Both kinds of
   * warning say the same: the stored bytes are the client's, unchanged, and do not conform (no
   * element was coerced, so never 0xB000; a de-identified instance is answered with {@link
   * #COERCION} instead). A response carries one reason per instance; the messages say the rest.
   */
  public static StowReason ofWarnings(List<DicomWarning> warnings) {
    return warnings.isEmpty() ? null : DATASET_MISMATCH_WARNING;
  }

  private final int code;
  private final boolean warning;

  StowReason(int code, boolean warning) {
    this.code = code;
    this.warning = warning;
  }

  public int code() {
    return code;
  }

  public boolean warning() {
    return warning;
  }
}
