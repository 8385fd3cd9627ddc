package org.sinfonia.core.upload;

import java.time.Duration;
import java.time.Instant;

/**
 * When an unfinished upload may be thrown away: {@code expiry} after it was created or last received
 * bytes. A client that keeps sending keeps its upload; an abandoned one is purged (file and record).
 */
public record ExpiryPolicy(Duration expiry) {

  public ExpiryPolicy {
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("expiry must be positive: " + expiry);
    }
  }

  public Instant expiresAt(Instant lastActivity) {
    return lastActivity.plus(expiry);
  }
}
