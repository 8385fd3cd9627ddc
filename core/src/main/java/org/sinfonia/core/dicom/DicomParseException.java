package org.sinfonia.core.dicom;

/**
 * A DICOM stream that cannot be read: malformed, truncated, too deeply nested, or not DICOM.
 * Carries where it went wrong: the byte offset (in the file; for a deflated data set, in the
 * inflated stream) and the tag path, e.g. {@code (0008,1115)[0]>(0008,1150)}.
 */
public final class DicomParseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String tagPath;
  private final String reason;

  public DicomParseException(long offset, String tagPath, String reason) {
    this(offset, tagPath, reason, null);
  }

  public DicomParseException(long offset, String tagPath, String reason, Throwable cause) {
    super(describe(offset, tagPath, reason), cause);
    this.offset = offset;
    this.tagPath = tagPath;
    this.reason = reason;
  }

  public long offset() {
    return offset;
  }

  /** Where in the data set the error is; empty at the top level before any element. */
  public String tagPath() {
    return tagPath;
  }

  public String reason() {
    return reason;
  }

  private static String describe(long offset, String tagPath, String reason) {
    return "error at offset "
        + offset
        + (tagPath.isEmpty() ? "" : " (" + tagPath + ")")
        + ": "
        + reason;
  }
}
