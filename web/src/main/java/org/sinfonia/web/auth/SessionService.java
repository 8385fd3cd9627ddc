package org.sinfonia.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;

/**
 * Issues, resolves and revokes bearer tokens. Resolution is served from a short-lived cache in front of
 * the shared store, so most requests cost no database round trip; a revocation on another node takes
 * effect here within {@code cacheTtl} at the latest.
 */
public final class SessionService {

  /** An issued token, returned to the client once. */
  public record Issued(String token, Instant expiresAt) {
  }

  private final SessionStore store;
  private final Duration ttl;
  private final Clock clock;
  private final Cache<String, Session> cache;

  public SessionService(SessionStore store, Duration ttl, Duration cacheTtl, Clock clock) {
    this.store = store;
    this.ttl = ttl;
    this.clock = clock;
    this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
  }

  public Future<Issued> issue(Principal principal) {
    String token = Tokens.newToken();
    Instant expiresAt = clock.instant().plus(ttl);
    Session session = new Session(principal, expiresAt);
    String hash = Tokens.hash(token);
    return store.save(hash, session).map(v -> {
      cache.put(hash, session);
      return new Issued(token, expiresAt);
    });
  }

  public Future<Optional<Principal>> resolve(String token) {
    String hash = Tokens.hash(token);
    Session cached = cache.getIfPresent(hash);
    if (cached != null) {
      return Future.succeededFuture(live(cached));
    }
    return store.find(hash).map(found -> {
      found.ifPresent(s -> cache.put(hash, s));
      return found.flatMap(this::live);
    });
  }

  private Optional<Principal> live(Session s) {
    return s.expiresAt().isAfter(clock.instant()) ? Optional.of(s.principal()) : Optional.empty();
  }

  public Future<Void> revoke(String token) {
    String hash = Tokens.hash(token);
    cache.invalidate(hash);
    return store.delete(hash);
  }
}
