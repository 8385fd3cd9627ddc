package org.sinfonia.web.auth;

import io.vertx.core.Future;
import java.util.Optional;

/** Durable sessions keyed by the SHA-256 of their bearer token, shared by every node. */
public interface SessionStore {

  Future<Void> save(String tokenHash, Session session);

  /** The session if it exists and has not expired. */
  Future<Optional<Session>> find(String tokenHash);

  Future<Void> delete(String tokenHash);
}
