package org.sinfonia.web.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.audit.Audit;

/** {@code POST /auth/token} (log in) and {@code DELETE /auth/token} (log out). */
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
  }

  private void login(RoutingContext rc) {
    JsonObject body = JsonBody.object(rc);
    Object user = body.getValue("username");
    Object password = body.getValue("password");
    if (!(user instanceof String) || !(password instanceof String)) {
      throw ApiError.badRequest("MISSING_FIELD", "'username' and 'password' must be strings");
    }
    String login = (String) user;
    logins.login(login, (String) password, Caller.address(rc))
        .andThen(ar -> audit.record(LoginName.isValid(login) ? login : "(invalid name)", Caller.address(rc), "login",
            "user", LoginName.isValid(login) ? login : null, Audit.outcome(ar.cause()), null))
        .compose(sessions::issue)
        .onSuccess(issued -> rc.response().setStatusCode(200)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("token", issued.token())
                .put("expiresAt", issued.expiresAt().toString()).encode()))
        .onFailure(rc::fail);
  }

  private void logout(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.badRequest("NO_BEARER_TOKEN", "revoke a session by sending its token as 'Authorization: Bearer'");
    }
    sessions.revoke(header.substring(7).trim())
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }
}
