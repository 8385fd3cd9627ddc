package org.sinfonia.core.zip;

/**
 * Why one entry was skipped. The archive as a whole goes on; archive-wide refusals are {@code
 * ApiError}s instead (see {@link ZipRefusals}).
 *
 * @param reason stable, machine-readable reason
 * @param detail human-readable detail, safe to show (never echoes raw control characters)
 */
public record ZipEntryProblem(Reason reason, String detail) {

  /** Stable reasons; their names are the codes clients see. */
  public enum Reason {
    /**
     * {@code ..}, an absolute path or a drive letter: the entry would land outside the target (zip
     * slip).
     */
    UNSAFE_PATH,
    /** NUL or control characters, empty or {@code .} segments. */
    INVALID_NAME,
    /** A segment longer than {@link ZipLimits#maxSegmentBytes()}. */
    NAME_TOO_LONG,
    /** More segments than {@link ZipLimits#maxDepth()}. */
    TOO_DEEP,
    /** A symbolic link; never followed or recreated. */
    SYMLINK,
    /** Traditional PKWARE, AES or strong encryption. */
    ENCRYPTED,
    /** A compression method other than stored, deflate, deflate64 or bzip2. */
    UNSUPPORTED_METHOD,
    /** Expands more than {@link ZipLimits#maxRatio()} times (declared or actually produced). */
    RATIO_EXCEEDED,
    /** Produced a different number of bytes than its headers declare. */
    SIZE_MISMATCH,
    /** Produced bytes whose CRC-32 differs from the one its headers declare. */
    CRC_MISMATCH,
    /** Its compressed data could not be decoded. */
    CORRUPT_DATA
  }

  public ZipEntryProblem {
    if (reason == null) {
      throw new IllegalArgumentException("reason is required");
    }
    detail = detail == null ? "" : detail;
  }

  public static ZipEntryProblem of(Reason reason, String format, Object... args) {
    return new ZipEntryProblem(reason, String.format(format, args));
  }

  public String code() {
    return reason.name();
  }
}
