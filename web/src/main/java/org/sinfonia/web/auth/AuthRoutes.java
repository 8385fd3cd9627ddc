package org.sinfonia.web.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.audit.Audit;

/**
 * Logging in and out: {@code POST|DELETE /auth/token} for scripts (a bearer token in the body) and
 * {@code POST|GET|DELETE /session} for the portal (an HttpOnly cookie plus the session's CSRF
 * token).
 */
public final class AuthRoutes {

  private final LoginService logins;
  private final SessionService sessions;
  private final Audit audit;

  public AuthRoutes(LoginService logins, SessionService sessions, Audit audit) {
    this.logins = logins;
    this.sessions = sessions;
    this.audit = audit;
  }

  public void register(ApiRouter api) {
    api.post("/auth/token", Access.anyone(), this::login);
    api.delete("/auth/token", Access.user(), this::logout);
    api.post("/session", Access.anyone(), this::openBrowserSession);
    api.get("/session", Access.user(), this::browserSession);
    api.delete("/session", Access.anyone(), this::closeBrowserSession);
  }

  /** Checks the credentials in the body against the directory and audits the attempt. */
  private Future<Principal> checkCredentials(RoutingContext rc) {
    JsonObject body = JsonBody.object(rc);
    Object user = body.getValue("username");
    Object password = body.getValue("password");
    if (!(user instanceof String) || !(password instanceof String)) {
      throw ApiError.badRequest("MISSING_FIELD", "'username' and 'password' must be strings");
    }
    String login = (String) user;
    return logins
        .login(login, (String) password, Caller.address(rc))
        .andThen(
            ar ->
                audit.record(
                    LoginName.isValid(login) ? login : "(invalid name)",
                    Caller.address(rc),
                    "login",
                    "user",
                    LoginName.isValid(login) ? login : null,
                    Audit.outcome(ar.cause()),
                    null));
  }

  private void login(RoutingContext rc) {
    checkCredentials(rc)
        .compose(sessions::issue)
        .onSuccess(
            issued ->
                rc.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(
                        new JsonObject()
                            .put("token", issued.token())
                            .put("expiresAt", issued.expiresAt().toString())
                            .encode()))
        .onFailure(rc::fail);
  }

  private void logout(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.badRequest(
          "NO_BEARER_TOKEN", "revoke a session by sending its token as 'Authorization: Bearer'");
    }
    sessions
        .revoke(header.substring(7).trim())
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void openBrowserSession(RoutingContext rc) {
    checkCredentials(rc)
        .compose(sessions::issueBrowser)
        .onSuccess(
            issued -> {
              BrowserCookie.set(rc, issued.token());
              rc.response().setStatusCode(200);
              sessionBody(rc, issued.session().principal(), issued.token());
            })
        .onFailure(rc::fail);
  }

  private void browserSession(RoutingContext rc) {
    String token = BrowserCookie.sessionOf(rc);
    if (token == null) {
      throw ApiError.unauthenticated(
          "AUTHENTICATION_REQUIRED", "no browser session: log in with POST /api/v1/session");
    }
    sessionBody(rc, Caller.of(rc), token);
  }

  private void sessionBody(RoutingContext rc, Principal p, String token) {
    JsonObject user =
        new JsonObject()
            .put("login", p.login())
            .put("name", p.name())
            .put("email", p.email())
            .put("groups", new JsonArray(p.groups()))
            .put("admin", p.admin());
    rc.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(
            new JsonObject()
                .put("user", user)
                .put("csrfToken", CsrfTokens.of(token))
                .put("idleTimeoutSeconds", sessions.idleTimeout().toSeconds())
                .encode());
  }

  /**
   * Ends the browser session (if any) and clears the cookie; answering 204 either way makes logout
   * idempotent.
   */
  private void closeBrowserSession(RoutingContext rc) {
    String token = BrowserCookie.sessionOf(rc);
    Principal p = Caller.of(rc);
    BrowserCookie.clear(rc);
    if (token == null) {
      rc.response().setStatusCode(204).end();
      return;
    }
    sessions
        .revoke(token)
        .andThen(
            ar ->
                audit.record(
                    p.login(),
                    Caller.address(rc),
                    "logout",
                    "user",
                    p.login(),
                    Audit.outcome(ar.cause()),
                    null))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }
}
