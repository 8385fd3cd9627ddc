package org.sinfonia.web.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;

/**
 * {@code GET /directory?q=PREFIX}: user and group names for the share dialog's completion, from the
 * people who have logged in at least once (the only ones a grant can name meaningfully) and their
 * groups.
 */
public final class DirectoryRoutes {

  private static final int MAX_QUERY = 64;

  private final UserRepository users;
  private final int maxLimit;

  public DirectoryRoutes(UserRepository users, int maxLimit) {
    this.users = users;
    this.maxLimit = maxLimit;
  }

  public void register(ApiRouter api) {
    api.get("/directory", Access.user(), this::complete);
  }

  private void complete(RoutingContext rc) {
    String q = rc.queryParams().get("q");
    String prefix = q == null ? "" : q.strip();
    if (prefix.length() > MAX_QUERY) {
      throw ApiError.badRequest("QUERY_TOO_LONG", "'q' has at most %d characters", MAX_QUERY);
    }
    int limit = limit(rc.queryParams().get("limit"));
    users
        .findByPrefix(prefix, limit)
        .compose(
            found ->
                users
                    .groupsByPrefix(prefix, limit)
                    .map(
                        groups -> {
                          JsonArray u = new JsonArray();
                          found.forEach(
                              r ->
                                  u.add(
                                      new JsonObject()
                                          .put("login", r.principal().login())
                                          .put("name", r.principal().name())));
                          JsonArray g = new JsonArray();
                          groups.forEach(name -> g.add(new JsonObject().put("name", name)));
                          return new JsonObject().put("users", u).put("groups", g);
                        }))
        .onSuccess(
            body -> rc.response().putHeader("Content-Type", "application/json").end(body.encode()))
        .onFailure(rc::fail);
  }

  private int limit(String raw) {
    if (raw == null) {
      return Math.min(10, maxLimit);
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1) {
        return Math.min(n, maxLimit);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(
        "INVALID_LIMIT",
        "'limit' must be a whole number of at least 1 (at most %d is used)",
        maxLimit);
  }
}
