package org.sinfonia.core.dicom;

/**
 * Limits of one {@link DicomStreamParser}.
 *
 * @param bulkDataThreshold values longer than this many bytes are skipped and only located (offset
 *     and length), never copied
 * @param maxNestingDepth how many sequences and items may nest before the stream is refused
 */
public record DicomParserOptions(int bulkDataThreshold, int maxNestingDepth) {

  public static final int DEFAULT_BULK_DATA_THRESHOLD = 64 * 1024;
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  public DicomParserOptions {
    if (bulkDataThreshold < 0) {
      throw new IllegalArgumentException("bulkDataThreshold must be >= 0: " + bulkDataThreshold);
    }
    if (maxNestingDepth < 1) {
      throw new IllegalArgumentException("maxNestingDepth must be >= 1: " + maxNestingDepth);
    }
  }

  public static DicomParserOptions defaults() {
    return new DicomParserOptions(DEFAULT_BULK_DATA_THRESHOLD, DEFAULT_MAX_NESTING_DEPTH);
  }

  public DicomParserOptions withBulkDataThreshold(int bytes) {
    return new DicomParserOptions(bytes, maxNestingDepth);
  }

  public DicomParserOptions withMaxNestingDepth(int depth) {
    return new DicomParserOptions(bulkDataThreshold, depth);
  }

  /**
   * True if a value is skipped: always for pixel, waveform and similar data, else when over the
   * threshold.
   */
  public boolean isBulkData(int tag, long length) {
    return length > bulkDataThreshold || BulkDataTags.isBulkData(tag);
  }
}
