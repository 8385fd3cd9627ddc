package org.sinfonia.core.zip;

/**
 * The guards every extraction and listing enforces. Values come from configuration ({@code zip.*});
 * nothing else in this package hard-codes a limit.
 *
 * @param maxTotalBytes uncompressed bytes one archive may produce, counted on the bytes actually
 *     inflated
 * @param maxRatio largest uncompressed/compressed ratio of one entry (deflate itself tops out near
 *     1032)
 * @param ratioGraceBytes an entry is not ratio-checked until it has produced this many bytes, so
 *     that small, highly compressible files (an empty mask, a zero-filled padding file) pass
 * @param maxEntries entries (files, directories, refused ones) one archive may hold
 * @param maxDepth path segments of one entry name
 * @param maxSegmentBytes UTF-8 bytes of one path segment (255 on common file systems)
 * @param maxReportedProblems skipped entries kept in an {@link ExtractionResult}; the sink still
 *     hears of all
 * @param streamBufferBytes largest STORED entry with a data descriptor that streaming extraction
 *     may hold in memory to find its end (Info-ZIP's {@code zip -} writes empty files and
 *     directories that way); a larger one needs random access
 */
public record ZipLimits(
    long maxTotalBytes,
    int maxRatio,
    long ratioGraceBytes,
    int maxEntries,
    int maxDepth,
    int maxSegmentBytes,
    int maxReportedProblems,
    int streamBufferBytes) {

  public ZipLimits {
    requirePositive("maxTotalBytes", maxTotalBytes);
    requirePositive("maxRatio", maxRatio);
    if (ratioGraceBytes < 0) {
      throw new IllegalArgumentException("ratioGraceBytes must be >= 0, was " + ratioGraceBytes);
    }
    requirePositive("maxEntries", maxEntries);
    requirePositive("maxDepth", maxDepth);
    requirePositive("maxSegmentBytes", maxSegmentBytes);
    if (maxReportedProblems < 0) {
      throw new IllegalArgumentException(
          "maxReportedProblems must be >= 0, was " + maxReportedProblems);
    }
    if (streamBufferBytes < 0) {
      throw new IllegalArgumentException(
          "streamBufferBytes must be >= 0, was " + streamBufferBytes);
    }
  }

  /**
   * Defaults sized for research imaging archives: 64 GiB, ratio 100 after 1 MiB, 250,000 entries,
   * 32 levels, 255-byte segments, 1,000 reported problems, 1 MiB stream buffer.
   */
  public static ZipLimits defaults() {
    return new ZipLimits(64L << 30, 100, 1L << 20, 250_000, 32, 255, 1_000, 1 << 20);
  }

  public ZipLimits withMaxTotalBytes(long value) {
    return new ZipLimits(
        value,
        maxRatio,
        ratioGraceBytes,
        maxEntries,
        maxDepth,
        maxSegmentBytes,
        maxReportedProblems,
        streamBufferBytes);
  }

  public ZipLimits withMaxRatio(int value) {
    return new ZipLimits(
        maxTotalBytes,
        value,
        ratioGraceBytes,
        maxEntries,
        maxDepth,
        maxSegmentBytes,
        maxReportedProblems,
        streamBufferBytes);
  }

  public ZipLimits withMaxEntries(int value) {
    return new ZipLimits(
        maxTotalBytes,
        maxRatio,
        ratioGraceBytes,
        value,
        maxDepth,
        maxSegmentBytes,
        maxReportedProblems,
        streamBufferBytes);
  }

  public ZipLimits withMaxDepth(int value) {
    return new ZipLimits(
        maxTotalBytes,
        maxRatio,
        ratioGraceBytes,
        maxEntries,
        value,
        maxSegmentBytes,
        maxReportedProblems,
        streamBufferBytes);
  }

  /** Bytes an entry may produce from {@code compressed} input bytes before it counts as a bomb. */
  long ratioAllowance(long compressed) {
    long byRatio = compressed > Long.MAX_VALUE / maxRatio ? Long.MAX_VALUE : compressed * maxRatio;
    return Math.max(ratioGraceBytes, byRatio);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }
}
