package org.sinfonia.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Caller;

/**
 * Attaches the caller to every request: {@code Authorization: Bearer <token>}, HTTP Basic, or the
 * portal's session cookie. No credentials means anonymous (routes decide whether that is enough); a
 * header that does not check out is a 401, and so is a stale cookie on an API call (the portal's
 * files and its login endpoint still answer, so a user with an old cookie can log in again). Basic
 * credentials that passed once are remembered (by a hash) for {@code basicCacheTtl}, so scripts
 * using Basic do not send every request to the directory.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  private final SessionService sessions;
  private final LoginService logins;
  private final Cache<String, Principal> basicCache;

  public AuthHandler(SessionService sessions, LoginService logins, Duration basicCacheTtl) {
    this.sessions = sessions;
    this.logins = logins;
    this.basicCache =
        Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(basicCacheTtl).build();
  }

  @Override
  public void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      String cookie = BrowserCookie.read(rc);
      if (cookie == null) {
        rc.next();
      } else {
        withCookie(rc, cookie);
      }
      return;
    }
    if (!rc.request().isEnded()) {
      rc.request().pause(); // the body waits until we know who is sending it
    }
    resolve(header.trim(), Caller.address(rc))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                rc.fail(ar.cause());
                return;
              }
              Caller.set(rc, ar.result());
              rc.next();
            });
  }

  private void withCookie(RoutingContext rc, String token) {
    if (!rc.request().isEnded()) {
      rc.request().pause();
    }
    sessions
        .resolveSession(token)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().isPresent()) {
                Caller.set(rc, ar.result().get().principal());
                rc.put(BrowserCookie.CONTEXT_KEY, token);
                rc.next();
                return;
              }
              BrowserCookie.clear(rc);
              if (!BrowserCookie.mustBeLive(rc.normalizedPath())) {
                rc.next();
              } else if (ar.failed()) {
                rc.fail(ar.cause());
              } else {
                rc.fail(
                    ApiError.unauthenticated(
                        "SESSION_EXPIRED", "the session has ended; log in again"));
              }
            });
  }

  private Future<Principal> resolve(String header, String clientAddress) {
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return sessions
          .resolve(value)
          .compose(
              p ->
                  p.map(Future::succeededFuture)
                      .orElseGet(
                          () ->
                              Future.failedFuture(
                                  ApiError.unauthenticated(
                                      "INVALID_TOKEN",
                                      "the token is unknown, revoked or expired"))));
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      return basic(value, clientAddress);
    }
    return Future.failedFuture(
        ApiError.unauthenticated(
            "UNSUPPORTED_AUTHORIZATION", "use 'Authorization: Bearer <token>' or HTTP Basic"));
  }

  private Future<Principal> basic(String encoded, String clientAddress) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          ApiError.unauthenticated(
              "MALFORMED_AUTHORIZATION", "Basic credentials are not valid base64"));
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Future.failedFuture(
          ApiError.unauthenticated(
              "MALFORMED_AUTHORIZATION", "Basic credentials need 'user:password'"));
    }
    String key = Tokens.hash("basic\0" + decoded);
    Principal cached = basicCache.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return logins
        .login(decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress)
        .recover(
            e ->
                e instanceof ApiError a && a.kind() == ApiError.Kind.BAD_REQUEST
                    ? Future.failedFuture(LoginService.invalidCredentials())
                    : Future.failedFuture(e))
        .onSuccess(p -> basicCache.put(key, p));
  }
}
