package org.sinfonia.web.audit;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** The audit trail: append-only, queried by site administrators. */
public interface AuditLog {

  Future<Void> record(AuditEvent event);

  /** Several events at once; a store may write them in one go. */
  default Future<Void> recordAll(List<AuditEvent> events) {
    return Future.join(events.stream().map(this::record).toList()).mapEmpty();
  }

  /** Newest first; null arguments do not filter. */
  Future<List<AuditEvent>> query(
      String user,
      String resourceId,
      String action,
      Instant since,
      Instant until,
      int limit,
      long offset);
}
