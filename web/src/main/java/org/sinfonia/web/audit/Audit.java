package org.sinfonia.web.audit;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sinfonia.core.error.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records audit events. Recording never delays or fails the action it describes; a failed write is
 * logged (the log is the audit trail's fallback). Events of many files at once (a STOW-RS request,
 * a zip batch) can be {@linkplain #recordSoon coalesced} into one write.
 */
public final class Audit {

  private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

  /**
   * How long coalesced events wait for company: the files of one request settle within a few
   * milliseconds.
   */
  private static final long COALESCE_MS = 50;

  private static final int MAX_WRITE = 1000;

  private final AuditLog log;
  private final Clock clock;
  private final Vertx vertx;
  private final Queue<AuditEvent> soon = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();

  public Audit(AuditLog log, Clock clock, Vertx vertx) {
    this.log = log;
    this.clock = clock;
    this.vertx = vertx;
  }

  /** Records what an actor did; {@code failure} null means it succeeded. */
  public void record(
      Actor who,
      String action,
      String resourceType,
      String resourceId,
      Throwable failure,
      String detail) {
    record(
        who.login(),
        who.clientAddress(),
        action,
        resourceType,
        resourceId,
        outcome(failure),
        detail);
  }

  public void record(
      String user,
      String clientAddress,
      String action,
      String resourceType,
      String resourceId,
      String outcome,
      String detail) {
    AuditEvent event =
        new AuditEvent(
            clock.instant(),
            user.isEmpty() ? "anonymous" : user,
            action,
            resourceType,
            resourceId,
            clientAddress,
            outcome,
            detail);
    log.record(event)
        .onFailure(e -> LOG.error("audit write failed, event: {}: {}", event, e.getMessage()));
  }

  /**
   * As {@link #record(String, String, String, String, String, String, String)}, written together
   * with the other events recorded within the next few milliseconds. Safe from any thread.
   */
  public void recordSoon(
      String user,
      String clientAddress,
      String action,
      String resourceType,
      String resourceId,
      String outcome,
      String detail) {
    soon.add(
        new AuditEvent(
            clock.instant(),
            user.isEmpty() ? "anonymous" : user,
            action,
            resourceType,
            resourceId,
            clientAddress,
            outcome,
            detail));
    if (flushing.compareAndSet(false, true)) {
      vertx.setTimer(COALESCE_MS, t -> flush());
    }
  }

  private void flush() {
    List<AuditEvent> events = new ArrayList<>();
    for (AuditEvent e; events.size() < MAX_WRITE && (e = soon.poll()) != null; ) {
      events.add(e);
    }
    flushing.set(false);
    if (!soon.isEmpty() && flushing.compareAndSet(false, true)) {
      vertx.setTimer(COALESCE_MS, t -> flush());
    }
    if (!events.isEmpty()) {
      log.recordAll(events)
          .onFailure(
              e ->
                  LOG.error(
                      "audit write of {} events failed: {}; first: {}",
                      events.size(),
                      e.getMessage(),
                      events.get(0)));
    }
  }

  public static String outcome(Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    return failure instanceof ApiError e ? e.code() : "INTERNAL_ERROR";
  }
}
