package org.sinfonia.web.audit;

import java.time.Instant;

/**
 * One audited action: who did what to which resource, from where, when, and how it ended. {@code
 * outcome} is {@code "ok"} or a failure code (e.g. {@code INVALID_CREDENTIALS}).
 */
public record AuditEvent(
    Instant at,
    String user,
    String action,
    String resourceType,
    String resourceId,
    String clientAddress,
    String outcome,
    String detail) {}
