package org.sinfonia.core.dicom;

/**
 * Builds the BulkDataURI that {@link DicomJsonWriter} writes for a value the parser skipped. The
 * caller decides the URI scheme (a WADO-RS bulk data path, a file range, ...).
 */
@FunctionalInterface
public interface BulkDataUriFactory {

  /**
   * @param tagPath where the value is, e.g. {@code (0008,1115)[0]>(0042,0011)} or {@code
   *     (7FE0,0010)}
   * @param offset the value's first byte in the stored file
   * @param length the value's length in bytes (for encapsulated pixel data: all its items)
   * @return the URI, or null to write no value
   */
  String uriFor(String tagPath, long offset, long length);
}
