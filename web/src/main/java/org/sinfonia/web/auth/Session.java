package org.sinfonia.web.auth;

import java.time.Instant;
import org.sinfonia.core.auth.Principal;

/**
 * A session: who, of which kind, until when. The secret itself is never stored, only its hash.
 * Personal API tokens carry a public {@code tokenId} and a {@code name} so their owner can list and
 * revoke them; {@code lastUsedAt} drives the idle timeout of browser sessions and tells owners
 * which tokens are in use.
 */
public record Session(
    Principal principal,
    Kind kind,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    String tokenId,
    String name) {

  /** How the session was opened, which decides how it may be used. */
  public enum Kind {
    /** {@code POST /auth/token}: a bearer token for scripts and clients. */
    LOGIN,
    /** {@code POST /session}: the portal's HttpOnly cookie, idle timeout and CSRF token. */
    BROWSER,
    /** A named personal API token made in My account, used as a bearer token. */
    API_TOKEN
  }

  public Session withLastUsedAt(Instant at) {
    return new Session(principal, kind, createdAt, expiresAt, at, tokenId, name);
  }
}
