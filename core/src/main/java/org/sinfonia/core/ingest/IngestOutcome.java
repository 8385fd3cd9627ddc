package org.sinfonia.core.ingest;

/** What became of one file handed to ingest; each door translates it into its protocol. */
public enum IngestOutcome {
  /** Stored under the name asked for. */
  STORED,
  /** Stored under the first free numbered form of the name ({@link FileNames#numbered}). */
  RENAMED,
  /**
   * The folder already holds these very bytes under the name (or a numbered form of it): nothing
   * new stored.
   */
  ALREADY_STORED,
  /** Replaced the files of the existing item of that name ({@link ConflictPolicy#OVERWRITE}). */
  OVERWRITTEN,
  /**
   * The name is taken by other content and the policy keeps it ({@link ConflictPolicy#SKIP}):
   * nothing stored.
   */
  KEPT,
  /**
   * Refused (bad content, too large, refused by the gate, no free name): nothing stored; the reason
   * says why.
   */
  REJECTED,
  /** The storage is full: nothing stored; worth retrying later. */
  STORAGE_FULL;

  /** Whether the folder now holds the file (just stored, or from before). */
  public boolean holdsFile() {
    return this == STORED || this == RENAMED || this == ALREADY_STORED || this == OVERWRITTEN;
  }
}
