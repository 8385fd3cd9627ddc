package org.sinfonia.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;

/**
 * Issues, resolves and revokes sessions: bearer logins, browser (cookie) sessions and personal API
 * tokens. Resolution is served from a short-lived cache in front of the shared store, so most
 * requests cost no database round trip; a revocation on another node takes effect here within
 * {@code cacheTtl} at the latest. Use is recorded at most every {@link #touchEvery} per session,
 * which bounds both the write load and how far the idle timeout of a browser session can be off.
 */
public final class SessionService {

  /** An issued secret, returned to the client once, with what was stored for it. */
  public record Issued(String token, Session session) {
    public Instant expiresAt() {
      return session.expiresAt();
    }
  }

  private final SessionStore store;
  private final Duration ttl;
  private final Duration idleTimeout;
  private final Duration touchEvery;
  private final Clock clock;
  private final Cache<String, Session> cache;

  public SessionService(SessionStore store, Duration ttl, Duration cacheTtl, Clock clock) {
    this(store, ttl, Duration.ofMinutes(30), cacheTtl, clock);
  }

  public SessionService(
      SessionStore store, Duration ttl, Duration idleTimeout, Duration cacheTtl, Clock clock) {
    this.store = store;
    this.ttl = ttl;
    this.idleTimeout = idleTimeout;
    Duration tenth = idleTimeout.dividedBy(10);
    this.touchEvery = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
    this.clock = clock;
    this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** A bearer token for scripts ({@code POST /auth/token}). */
  public Future<Issued> issue(Principal principal) {
    return save(principal, Session.Kind.LOGIN, ttl, null, null);
  }

  /** A browser session, carried by an HttpOnly cookie and ended by the idle timeout. */
  public Future<Issued> issueBrowser(Principal principal) {
    return save(principal, Session.Kind.BROWSER, ttl, null, null);
  }

  /** A named personal API token. */
  public Future<Issued> issueApiToken(Principal principal, String name, Duration lifetime) {
    return save(
        principal, Session.Kind.API_TOKEN, lifetime, Tokens.newToken().substring(0, 12), name);
  }

  private Future<Issued> save(
      Principal principal, Session.Kind kind, Duration lifetime, String tokenId, String name) {
    String token = Tokens.newToken();
    Instant now = clock.instant();
    Session session = new Session(principal, kind, now, now.plus(lifetime), now, tokenId, name);
    String hash = Tokens.hash(token);
    return store
        .save(hash, session)
        .map(
            v -> {
              cache.put(hash, session);
              return new Issued(token, session);
            });
  }

  /** The caller a bearer token or cookie stands for; empty when unknown or expired. */
  public Future<Optional<Principal>> resolve(String token) {
    return resolveSession(token).map(s -> s.map(Session::principal));
  }

  /**
   * The live session of a secret: empty when unknown, revoked or past its lifetime; fails with
   * {@code SESSION_EXPIRED} when a browser session has been idle too long (and ends it).
   */
  public Future<Optional<Session>> resolveSession(String token) {
    String hash = Tokens.hash(token);
    Session cached = cache.getIfPresent(hash);
    if (cached != null && !idle(cached)) {
      return Future.succeededFuture(used(hash, cached));
    }
    // Not cached, or idle by this node's view: another node may have seen it used since, so ask the
    // store.
    return store
        .find(hash)
        .compose(
            found -> {
              if (found.isEmpty()) {
                cache.invalidate(hash);
                return Future.succeededFuture(Optional.<Session>empty());
              }
              Session s = found.get();
              if (idle(s)) {
                cache.invalidate(hash);
                return store
                    .delete(hash)
                    .transform(
                        ar ->
                            Future.failedFuture(
                                ApiError.unauthenticated(
                                    "SESSION_EXPIRED",
                                    "the session ended after %d minutes without activity; log in again",
                                    idleTimeout.toMinutes())));
              }
              cache.put(hash, s);
              return Future.succeededFuture(used(hash, s));
            });
  }

  private boolean idle(Session s) {
    return s.kind() == Session.Kind.BROWSER
        && s.lastUsedAt().plus(idleTimeout).isBefore(clock.instant());
  }

  private Optional<Session> used(String hash, Session s) {
    Instant now = clock.instant();
    if (!s.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    if (s.lastUsedAt().plus(touchEvery).isBefore(now)) {
      Session touched = s.withLastUsedAt(now);
      cache.put(hash, touched);
      store.touch(hash, now); // best effort: a lost touch costs at most touchEvery of idle time
      return Optional.of(touched);
    }
    return Optional.of(s);
  }

  public Future<Void> revoke(String token) {
    String hash = Tokens.hash(token);
    cache.invalidate(hash);
    return store.delete(hash);
  }

  public Future<List<Session>> apiTokens(String login) {
    return store.apiTokens(login);
  }

  /** Revokes one of the user's API tokens; false when the user has no token with that id. */
  public Future<Boolean> revokeApiToken(String login, String tokenId) {
    return store
        .deleteApiToken(login, tokenId)
        .map(
            hash -> {
              hash.ifPresent(cache::invalidate);
              return hash.isPresent();
            });
  }
}
