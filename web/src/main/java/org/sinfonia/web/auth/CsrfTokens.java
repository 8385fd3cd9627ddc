package org.sinfonia.web.auth;

/**
 * The CSRF token of a browser session, derived from the session secret so nothing more is stored:
 * the secret lives in an HttpOnly cookie a page script cannot read, so only the portal, which was
 * handed the token at login, can send it back in {@code X-CSRF-Token}.
 */
public final class CsrfTokens {

  public static final String HEADER = "X-CSRF-Token";

  private CsrfTokens() {}

  public static String of(String sessionToken) {
    return Tokens.hash("csrf\0" + sessionToken);
  }
}
