package org.sinfonia.web.audit;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records audit events for requests. Recording never delays or fails the action it describes; a failed
 * write is logged (the log is the audit trail's fallback).
 */
public final class Audit {

  private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

  private final AuditLog log;
  private final Clock clock;

  public Audit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  public void record(RoutingContext rc, String action, String resourceType, String resourceId, Throwable failure,
                     String detail) {
    record(Caller.of(rc).login(), Caller.address(rc), action, resourceType, resourceId, outcome(failure), detail);
  }

  public void record(String user, String clientAddress, String action, String resourceType, String resourceId,
                     String outcome, String detail) {
    AuditEvent event = new AuditEvent(clock.instant(), user.isEmpty() ? "anonymous" : user, action, resourceType,
        resourceId, clientAddress, outcome, detail);
    log.record(event).onFailure(e -> LOG.error("audit write failed, event: {}: {}", event, e.getMessage()));
  }

  public static String outcome(Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    return failure instanceof ApiError e ? e.code() : "INTERNAL_ERROR";
  }
}
