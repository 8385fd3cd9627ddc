package org.sinfonia.web.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.sinfonia.core.error.ApiError;

/**
 * Requests that a browser authenticated by its cookie and that change something must carry the
 * session's CSRF token in {@code X-CSRF-Token}. Bearer and Basic callers are unaffected: a browser
 * never adds those on its own. Logging in is exempt (there is no session to forge yet).
 */
public final class CsrfGuard implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext rc) {
    String session = BrowserCookie.sessionOf(rc);
    if (session == null
        || safe(rc.request().method())
        || (rc.request().method() == HttpMethod.POST
            && BrowserCookie.SESSION_PATH.equals(rc.normalizedPath()))) {
      rc.next();
      return;
    }
    String sent = rc.request().getHeader(CsrfTokens.HEADER);
    if (sent == null || sent.isBlank()) {
      rc.fail(
          ApiError.forbidden(
              "CSRF_TOKEN_MISSING",
              "send the session's CSRF token in the X-CSRF-Token header (the portal does this for you)"));
      return;
    }
    if (!MessageDigest.isEqual(
        sent.trim().getBytes(StandardCharsets.UTF_8),
        CsrfTokens.of(session).getBytes(StandardCharsets.UTF_8))) {
      rc.fail(
          ApiError.forbidden(
              "CSRF_TOKEN_INVALID", "the X-CSRF-Token header does not belong to this session"));
      return;
    }
    rc.next();
  }

  private static boolean safe(HttpMethod m) {
    return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS;
  }
}
