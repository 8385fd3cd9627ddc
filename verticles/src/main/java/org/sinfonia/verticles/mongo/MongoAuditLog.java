package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.sinfonia.web.audit.AuditEvent;
import org.sinfonia.web.audit.AuditLog;

/** The audit trail in MongoDB ({@code audit}), append-only. */
public final class MongoAuditLog implements AuditLog {

  private final MongoClient mongo;

  public MongoAuditLog(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<Void> record(AuditEvent e) {
    return mongo.insert(Collections.AUDIT, document(e)).mapEmpty();
  }

  /**
   * Many events in one unordered bulk write: one round trip for a STOW-RS request's or a zip
   * batch's files.
   */
  @Override
  public Future<Void> recordAll(List<AuditEvent> events) {
    if (events.size() == 1) {
      return record(events.get(0));
    }
    List<BulkOperation> inserts =
        events.stream().map(e -> BulkOperation.createInsert(document(e))).toList();
    return mongo
        .bulkWriteWithOptions(Collections.AUDIT, inserts, new BulkWriteOptions().setOrdered(false))
        .mapEmpty();
  }

  private static JsonObject document(AuditEvent e) {
    return new JsonObject()
        .put("_id", UUID.randomUUID().toString())
        .put("at", MongoDates.of(e.at()))
        .put("user", e.user())
        .put("action", e.action())
        .put("resourceType", e.resourceType())
        .put("resourceId", e.resourceId())
        .put("clientAddress", e.clientAddress())
        .put("outcome", e.outcome())
        .put("detail", e.detail());
  }

  @Override
  public Future<List<AuditEvent>> query(
      String user,
      String resourceId,
      String action,
      Instant since,
      Instant until,
      int limit,
      long offset) {
    JsonObject q = new JsonObject();
    if (user != null) {
      q.put("user", user);
    }
    if (resourceId != null) {
      q.put("resourceId", resourceId);
    }
    if (action != null) {
      q.put("action", action);
    }
    JsonObject at = new JsonObject();
    if (since != null) {
      at.put("$gte", MongoDates.of(since));
    }
    if (until != null) {
      at.put("$lt", MongoDates.of(until));
    }
    if (!at.isEmpty()) {
      q.put("at", at);
    }
    FindOptions options =
        new FindOptions()
            .setSort(new JsonObject().put("at", -1))
            .setLimit(limit)
            .setSkip((int) Math.min(offset, Integer.MAX_VALUE));
    return mongo
        .findWithOptions(Collections.AUDIT, q, options)
        .map(
            docs ->
                docs.stream()
                    .map(
                        d ->
                            new AuditEvent(
                                MongoDates.read(d.getValue("at")),
                                d.getString("user"),
                                d.getString("action"),
                                d.getString("resourceType"),
                                d.getString("resourceId"),
                                d.getString("clientAddress"),
                                d.getString("outcome"),
                                d.getString("detail")))
                    .toList());
  }
}
