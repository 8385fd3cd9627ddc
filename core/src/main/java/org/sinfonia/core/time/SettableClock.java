package org.sinfonia.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that stands still until told to move, for tests of expiry, idle and TTL rules: a test
 * advances it instead of sleeping. Read from any thread (a node's event loops and workers share one
 * instance).
 */
public final class SettableClock extends Clock {

  private final AtomicReference<Instant> now;

  public SettableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Starts at the current real time, so stored dates look ordinary. */
  public static SettableClock atNow() {
    return new SettableClock(Instant.now());
  }

  public void advance(Duration by) {
    now.accumulateAndGet(null, (at, ignored) -> at.plus(by));
  }

  public void set(Instant at) {
    now.set(at);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always UTC: a zone would only matter for formatting, which the code does itself. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
