package org.sinfonia.verticles.dicom;

import org.sinfonia.core.config.ConfigException;

/**
 * What re-ingesting a SOP Instance UID the index already has does. The file itself is always
 * stored.
 */
public enum DuplicatePolicy {
  /** The index keeps pointing at the first file. */
  KEEP_FIRST,
  /** The index points at the newest file. */
  OVERWRITE,
  /** The index points at the newest file and lists every file as a version. */
  KEEP_BOTH;

  public static DuplicatePolicy parse(String value) {
    return switch (value.trim().toLowerCase().replace('_', '-')) {
      case "keep-first" -> KEEP_FIRST;
      case "overwrite" -> OVERWRITE;
      case "keep-both" -> KEEP_BOTH;
      default ->
          throw new ConfigException(
              "dicom.duplicatePolicy", "keep-first, overwrite or keep-both, not " + value);
    };
  }
}
