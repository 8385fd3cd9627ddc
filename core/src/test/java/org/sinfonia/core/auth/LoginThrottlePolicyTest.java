package org.sinfonia.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottlePolicyTest {

  private final LoginThrottlePolicy policy =
      new LoginThrottlePolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(10));
  private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

  private long minutesAgo(int m) {
    return now.minus(Duration.ofMinutes(m)).toEpochMilli();
  }

  @Test
  void belowTheLimitNothingIsLocked() {
    assertTrue(policy.lockedUntil(List.of(), now).isEmpty());
    assertTrue(policy.lockedUntil(List.of(minutesAgo(1), minutesAgo(0)), now).isEmpty());
  }

  @Test
  void reachingTheLimitLocksFromTheLastFailure() {
    Optional<Instant> until =
        policy.lockedUntil(List.of(minutesAgo(3), minutesAgo(2), minutesAgo(1)), now);
    assertEquals(Optional.of(now.plus(Duration.ofMinutes(9))), until);
  }

  @Test
  void failuresOutsideTheWindowDoNotCount() {
    assertTrue(
        policy.lockedUntil(List.of(minutesAgo(30), minutesAgo(2), minutesAgo(1)), now).isEmpty());
  }

  @Test
  void theLockExpires() {
    assertTrue(
        policy.lockedUntil(List.of(minutesAgo(14), minutesAgo(13), minutesAgo(11)), now).isEmpty());
  }
}
