package org.sinfonia.core.ingest;

import java.util.Locale;
import org.sinfonia.core.error.ApiError;

/**
 * What ingest does with a file whose name is already taken in its folder (names compare
 * case-insensitively, as everywhere in the repository). Whatever the policy, an existing item that
 * already holds a file with the same content (same SHA-256) counts as done ({@code
 * ALREADY_STORED}): that is what keeps a repeated upload, a re-run, or a job resumed after a crash,
 * from registering a file twice.
 */
public enum ConflictPolicy {

  /**
   * Keep the existing item untouched; the entry is not stored (and is listed among the job's
   * errors).
   */
  SKIP,
  /**
   * Store the entry as a new item under the first free name of {@link FileNames#numbered} ({@code
   * name (2).ext}, ...).
   */
  RENAME,
  /**
   * Replace the existing item's files by the entry. The item keeps its id, description, metadata
   * and place; its file documents are deleted (each releases one reference on its blob, so a blob
   * another file or a copy still uses stays, and the DICOM index drops them), then the entry is
   * added to the item as its file.
   */
  OVERWRITE;

  public static final ConflictPolicy DEFAULT = RENAME;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code skip}, {@code rename} or {@code overwrite}; null or blank gives the default ({@code
   * rename}).
   */
  public static ConflictPolicy parse(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "skip" -> SKIP;
      case "rename" -> RENAME;
      case "overwrite" -> OVERWRITE;
      default ->
          throw ApiError.badRequest(
              "INVALID_ON_CONFLICT",
              "onConflict must be skip, rename or overwrite, was '%s'",
              value.length() > 40 ? value.substring(0, 40) + "..." : value);
    };
  }
}
