package org.sinfonia.web.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.web.HttpApi;

/**
 * The portal's session cookie: HttpOnly (page scripts never see the secret), SameSite=Strict (other
 * sites cannot make the browser send it), Secure whenever the request came over TLS, directly or
 * through a proxy that says so.
 */
public final class BrowserCookie {

  public static final String NAME = "sinfonia_session";

  /** Where the routing context keeps the cookie's secret once it resolved to a live session. */
  public static final String CONTEXT_KEY = "sinfonia.browserSession";

  static final String SESSION_PATH = HttpApi.API_PREFIX + "/session";

  private BrowserCookie() {}

  static String read(RoutingContext rc) {
    Cookie c = rc.request().getCookie(NAME);
    return c == null || c.getValue().isBlank() ? null : c.getValue();
  }

  /** The session secret of a request authenticated by the cookie, or null. */
  public static String sessionOf(RoutingContext rc) {
    return rc.get(CONTEXT_KEY);
  }

  static void set(RoutingContext rc, String token) {
    rc.response().addCookie(base(rc, token));
  }

  static void clear(RoutingContext rc) {
    rc.response().addCookie(base(rc, "").setMaxAge(0));
  }

  private static Cookie base(RoutingContext rc, String value) {
    return Cookie.cookie(NAME, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(overTls(rc));
  }

  private static boolean overTls(RoutingContext rc) {
    return rc.request().isSSL()
        || "https".equalsIgnoreCase(rc.request().getHeader("X-Forwarded-Proto"));
  }

  /**
   * A stale cookie fails API calls; the login endpoint and the portal's own files answer
   * regardless.
   */
  static boolean mustBeLive(String path) {
    if (path == null || path.startsWith(SESSION_PATH)) {
      return false;
    }
    return path.startsWith(HttpApi.API_PREFIX + "/")
        || path.startsWith(HttpApi.DICOMWEB_PREFIX + "/");
  }
}
