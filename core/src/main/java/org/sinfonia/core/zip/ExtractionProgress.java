package org.sinfonia.core.zip;

/**
 * A progress report, sent after every entry and every few MiB inside a large one.
 *
 * @param entriesDone entries finished (delivered, skipped or passed over on resume)
 * @param entriesTotal entries in the archive, or -1 while streaming
 * @param bytesDone bytes of finished entries delivered to the sink
 * @param bytesTotal declared bytes of the entries that will be delivered, or -1 while streaming
 * @param entryBytes bytes of the entry in progress delivered so far (0 between entries)
 */
public record ExtractionProgress(
    long entriesDone, long entriesTotal, long bytesDone, long bytesTotal, long entryBytes) {

  /** A safe point to continue from: counts only finished entries. */
  public ResumePoint resumePoint() {
    return new ResumePoint(entriesDone, bytesDone);
  }
}
