package org.sinfonia.core.zip;

/**
 * Where a restarted extraction continues: the first {@code entries} entries (in archive order) are
 * passed over without reaching the sink, and {@code bytes} already count against {@link
 * ZipLimits#maxTotalBytes()}. A job stores {@link ExtractionProgress#resumePoint()} after each
 * entry and passes it back after a crash.
 */
public record ResumePoint(long entries, long bytes) {

  public static final ResumePoint START = new ResumePoint(0, 0);

  public ResumePoint {
    if (entries < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "a resume point counts from zero: " + entries + " entries, " + bytes + " bytes");
    }
  }
}
