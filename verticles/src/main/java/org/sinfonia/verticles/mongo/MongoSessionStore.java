package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sinfonia.web.auth.Session;
import org.sinfonia.web.auth.SessionStore;

/** Sessions keyed by token hash ({@code _id}), so a lookup is a primary-key read on any backend. */
public final class MongoSessionStore implements SessionStore {

  private final MongoClient mongo;
  private final Clock clock;

  public MongoSessionStore(MongoClient mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @Override
  public Future<Void> save(String tokenHash, Session session) {
    JsonObject doc =
        PrincipalDocuments.fields(session.principal())
            .put("_id", tokenHash)
            .put("kind", session.kind().name())
            .put("expiresAt", MongoDates.of(session.expiresAt()))
            .put("createdAt", MongoDates.of(session.createdAt()))
            .put("lastUsedAt", MongoDates.of(session.lastUsedAt()));
    if (session.tokenId() != null) {
      doc.put("tokenId", session.tokenId()).put("name", session.name());
    }
    return mongo.insert(Collections.SESSIONS, doc).mapEmpty();
  }

  @Override
  public Future<Optional<Session>> find(String tokenHash) {
    return mongo
        .findOne(Collections.SESSIONS, new JsonObject().put("_id", tokenHash), null)
        .map(
            doc -> {
              if (doc == null) {
                return Optional.<Session>empty();
              }
              Session s = read(doc);
              return s.expiresAt().isAfter(clock.instant())
                  ? Optional.of(s)
                  : Optional.<Session>empty();
            });
  }

  @Override
  public Future<Void> delete(String tokenHash) {
    return mongo
        .removeDocument(Collections.SESSIONS, new JsonObject().put("_id", tokenHash))
        .mapEmpty();
  }

  @Override
  public Future<Void> touch(String tokenHash, Instant at) {
    return mongo
        .updateCollection(
            Collections.SESSIONS,
            new JsonObject().put("_id", tokenHash),
            new JsonObject().put("$set", new JsonObject().put("lastUsedAt", MongoDates.of(at))))
        .mapEmpty();
  }

  @Override
  public Future<List<Session>> apiTokens(String login) {
    JsonObject query =
        new JsonObject()
            .put("login", login)
            .put("kind", Session.Kind.API_TOKEN.name())
            .put("expiresAt", new JsonObject().put("$gt", MongoDates.of(clock.instant())));
    return mongo
        .findWithOptions(
            Collections.SESSIONS,
            query,
            new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(1000))
        .map(docs -> docs.stream().map(MongoSessionStore::read).toList());
  }

  @Override
  public Future<Optional<String>> deleteApiToken(String login, String tokenId) {
    JsonObject query =
        new JsonObject()
            .put("login", login)
            .put("kind", Session.Kind.API_TOKEN.name())
            .put("tokenId", tokenId);
    return mongo
        .findOne(Collections.SESSIONS, query, new JsonObject().put("_id", 1))
        .compose(
            doc -> {
              if (doc == null) {
                return Future.succeededFuture(Optional.<String>empty());
              }
              String hash = doc.getString("_id");
              return delete(hash).map(v -> Optional.of(hash));
            });
  }

  /**
   * Removes expired sessions (a TTL index does this on MongoDB; the embedded server needs the
   * sweep).
   */
  public Future<Long> purgeExpired() {
    JsonObject expired =
        new JsonObject()
            .put("expiresAt", new JsonObject().put("$lt", MongoDates.of(clock.instant())));
    return mongo
        .removeDocuments(Collections.SESSIONS, expired)
        .map(r -> r == null ? 0L : r.getRemovedCount());
  }

  private static Session read(JsonObject doc) {
    Instant expiresAt = MongoDates.read(doc.getValue("expiresAt"));
    Instant createdAt =
        doc.containsKey("createdAt") ? MongoDates.read(doc.getValue("createdAt")) : expiresAt;
    Instant lastUsedAt =
        doc.containsKey("lastUsedAt") ? MongoDates.read(doc.getValue("lastUsedAt")) : createdAt;
    // Sessions written before kinds existed were all bearer logins.
    Session.Kind kind = Session.Kind.valueOf(doc.getString("kind", Session.Kind.LOGIN.name()));
    return new Session(
        PrincipalDocuments.read(doc),
        kind,
        createdAt,
        expiresAt,
        lastUsedAt,
        doc.getString("tokenId"),
        doc.getString("name"));
  }
}
