package org.sinfonia.web.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;

/**
 * {@code GET /audit?user=&resource=&action=&since=&until=&limit=&offset=}, site administrators
 * only. Every filter is applied in the query, so paging through the matches never skips any (the
 * portal once filtered actions in the page).
 */
public final class AuditRoutes {

  private final AuditLog log;

  public AuditRoutes(AuditLog log) {
    this.log = log;
  }

  public void register(ApiRouter api) {
    api.get("/audit", Access.admin(), this::query);
  }

  private void query(RoutingContext rc) {
    Paging paging =
        Paging.parse(
            rc.queryParams().get("limit"), rc.queryParams().get("offset"), null, 100, 1000);
    log.query(
            text(rc, "user"),
            text(rc, "resource"),
            text(rc, "action"),
            instant(rc, "since"),
            instant(rc, "until"),
            paging.limit(),
            paging.offset())
        .onSuccess(
            events -> {
              JsonArray out = new JsonArray();
              events.forEach(
                  e ->
                      out.add(
                          new JsonObject()
                              .put("at", e.at().toString())
                              .put("user", e.user())
                              .put("action", e.action())
                              .put("resourceType", e.resourceType())
                              .put("resourceId", e.resourceId())
                              .put("clientAddress", e.clientAddress())
                              .put("outcome", e.outcome())
                              .put("detail", e.detail())));
              rc.response().putHeader("Content-Type", "application/json").end(out.encode());
            })
        .onFailure(rc::fail);
  }

  /** A filter value; empty means no filter, as an empty form field does. */
  private static String text(RoutingContext rc, String name) {
    String v = rc.queryParams().get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Instant instant(RoutingContext rc, String name) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          "INVALID_DATE", "'%s' must be an ISO-8601 instant such as 2026-11-26T10:00:00Z", name);
    }
  }
}
