package org.sinfonia.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sliding-window throttling of failed logins, applied per user name and per client address: after
 * {@code maxFailures} failures within {@code window}, further attempts are refused for {@code
 * lockout} after the last failure. The failure times themselves live in a shared store so every
 * node agrees.
 */
public record LoginThrottlePolicy(int maxFailures, Duration window, Duration lockout) {

  public LoginThrottlePolicy {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
  }

  /**
   * The instant until which logins are refused, if the recorded failures (epoch millis) lock the
   * key now.
   */
  public Optional<Instant> lockedUntil(List<Long> failureTimes, Instant now) {
    long windowStart = now.minus(window).toEpochMilli();
    long recent = failureTimes.stream().filter(t -> t >= windowStart).count();
    if (recent < maxFailures) {
      return Optional.empty();
    }
    long last = failureTimes.stream().mapToLong(Long::longValue).max().orElse(0L);
    Instant until = Instant.ofEpochMilli(last).plus(lockout);
    return until.isAfter(now) ? Optional.of(until) : Optional.empty();
  }

  /** How many failure times a store needs to keep per key to apply this policy. */
  public int historyLength() {
    return maxFailures;
  }
}
