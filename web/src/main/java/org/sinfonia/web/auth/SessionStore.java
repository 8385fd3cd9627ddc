package org.sinfonia.web.auth;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable sessions keyed by the SHA-256 of their secret, shared by every node. */
public interface SessionStore {

  Future<Void> save(String tokenHash, Session session);

  /** The session if it exists and has not expired. */
  Future<Optional<Session>> find(String tokenHash);

  Future<Void> delete(String tokenHash);

  /**
   * Records that the session was used (browser idle timeout, token listings); cheap and best
   * effort.
   */
  Future<Void> touch(String tokenHash, Instant at);

  /** The live personal API tokens of one user, newest first. */
  Future<List<Session>> apiTokens(String login);

  /**
   * Deletes one of the user's API tokens by its public id; the hash of the deleted secret, if there
   * was one.
   */
  Future<Optional<String>> deleteApiToken(String login, String tokenId);
}
