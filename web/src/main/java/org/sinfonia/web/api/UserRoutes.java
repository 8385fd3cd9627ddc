package org.sinfonia.web.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.auth.UserRecord;
import org.sinfonia.web.auth.UserRepository;

/**
 * {@code GET /users/me}: who the caller is, as the directory described them at their last login.
 */
public final class UserRoutes {

  private final UserRepository users;

  public UserRoutes(UserRepository users) {
    this.users = users;
  }

  public void register(ApiRouter api) {
    api.get("/users/me", Access.user(), this::me);
  }

  private void me(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    users
        .find(caller.login())
        .map(
            found ->
                found.orElseThrow(
                    () -> ApiError.notFound("USER_NOT_FOUND", "no record for %s", caller.login())))
        .onSuccess(
            record ->
                rc.response()
                    .putHeader("Content-Type", "application/json")
                    .end(view(record).encode()))
        .onFailure(rc::fail);
  }

  static JsonObject view(UserRecord r) {
    Principal p = r.principal();
    return new JsonObject()
        .put("login", p.login())
        .put("name", p.name())
        .put("email", p.email())
        .put("groups", new JsonArray(p.groups()))
        .put("admin", p.admin())
        .put("homeFolderId", r.homeFolderId())
        .put("firstLogin", r.firstLogin().toString())
        .put("lastLogin", r.lastLogin().toString());
  }
}
