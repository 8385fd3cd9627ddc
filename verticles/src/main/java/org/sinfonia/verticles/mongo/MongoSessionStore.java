package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
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
    JsonObject doc = PrincipalDocuments.fields(session.principal())
        .put("_id", tokenHash)
        .put("expiresAt", MongoDates.of(session.expiresAt()))
        .put("createdAt", MongoDates.of(clock.instant()));
    return mongo.insert(Collections.SESSIONS, doc).mapEmpty();
  }

  @Override
  public Future<Optional<Session>> find(String tokenHash) {
    return mongo.findOne(Collections.SESSIONS, new JsonObject().put("_id", tokenHash), null).map(doc -> {
      if (doc == null) {
        return Optional.<Session>empty();
      }
      Session s = new Session(PrincipalDocuments.read(doc), MongoDates.read(doc.getValue("expiresAt")));
      return s.expiresAt().isAfter(clock.instant()) ? Optional.of(s) : Optional.<Session>empty();
    });
  }

  @Override
  public Future<Void> delete(String tokenHash) {
    return mongo.removeDocument(Collections.SESSIONS, new JsonObject().put("_id", tokenHash)).mapEmpty();
  }

  /** Removes expired sessions (a TTL index does this on MongoDB; the embedded server needs the sweep). */
  public Future<Long> purgeExpired() {
    JsonObject expired = new JsonObject().put("expiresAt", new JsonObject().put("$lt", MongoDates.of(clock.instant())));
    return mongo.removeDocuments(Collections.SESSIONS, expired).map(r -> r == null ? 0L : r.getRemovedCount());
  }
}
