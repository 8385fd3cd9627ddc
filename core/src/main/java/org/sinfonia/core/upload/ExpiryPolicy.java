package org.sinfonia.core.upload;

import java.time.Duration;
import java.time.Instant;

/**
 * When an unfinished upload may be thrown away: {@code expiry} after it was created or last
 * received bytes. A client that keeps sending keeps its upload; an abandoned one is purged (file
 * and record).
 */
public record ExpiryPolicy(Duration expiry) {

  /** What the periodic purge does with an upload. */
  public enum Purge {
    KEEP,
    /**
     * Its bytes are a repository file now; only the record goes (it let HEAD report completion
     * meanwhile).
     */
    RECORD_ONLY,
    /** Abandoned: its partial file and its record go. */
    RECORD_AND_BYTES
  }

  public ExpiryPolicy {
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("expiry must be positive: " + expiry);
    }
  }

  public Instant expiresAt(Instant lastActivity) {
    return lastActivity.plus(expiry);
  }

  public Purge purge(UploadState upload, Instant now) {
    if (upload.expiresAt() == null || now.isBefore(upload.expiresAt())) {
      return Purge.KEEP;
    }
    if (upload.registered()) {
      return Purge.RECORD_ONLY;
    }
    if (upload.allBytesReceived() && !upload.partial()) {
      return Purge.KEEP; // a completion that a crash cut short: the client's next HEAD finishes it
    }
    return Purge.RECORD_AND_BYTES;
  }
}
