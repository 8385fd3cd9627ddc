package org.sinfonia.core.zip;

import org.sinfonia.core.error.ApiError;

/** The archive-wide refusals, each with its stable code; the only place these codes are spelled. */
final class ZipRefusals {

  private ZipRefusals() {}

  static ApiError corrupt(String format, Object... args) {
    return ApiError.badRequest("ZIP_CORRUPT", format, args);
  }

  static ApiError corrupt(Throwable cause, String format, Object... args) {
    return new ApiError(
        ApiError.Kind.BAD_REQUEST, "ZIP_CORRUPT", String.format(format, args), cause);
  }

  static ApiError tooManyEntries(long entries, int limit) {
    return ApiError.tooLarge(
        "ZIP_TOO_MANY_ENTRIES",
        "the archive holds %s entries, the limit is %d",
        entries < 0 ? "more than " + limit : Long.toString(entries),
        limit);
  }

  static ApiError tooLarge(long limit) {
    return ApiError.tooLarge(
        "ZIP_TOO_LARGE", "the archive expands beyond the limit of %d bytes", limit);
  }

  static ApiError overlapping(String first, String second) {
    return ApiError.badRequest(
        "ZIP_OVERLAPPING_ENTRIES",
        "entries '%s' and '%s' share compressed data (an overlapping-entry zip bomb)",
        ZipEntryNames.printable(first),
        ZipEntryNames.printable(second));
  }

  static ApiError needsRandomAccess(String entryName, String why) {
    return ApiError.badRequest(
        "ZIP_NEEDS_RANDOM_ACCESS",
        "entry '%s' cannot be read while streaming (%s); store the archive and extract it from storage",
        ZipEntryNames.printable(entryName),
        why);
  }

  static ApiError multiDisk() {
    return ApiError.badRequest("ZIP_MULTI_DISK", "split or spanned archives are not supported");
  }
}
