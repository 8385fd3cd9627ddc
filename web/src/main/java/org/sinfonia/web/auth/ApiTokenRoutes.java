package org.sinfonia.web.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.audit.Audit;

/**
 * Personal API tokens ({@code /users/me/tokens}): named bearer tokens a user makes for scripts and
 * tools, listed without their secret (shown once, at creation) and revoked one by one.
 */
public final class ApiTokenRoutes {

  private static final int MAX_NAME = 100;

  private final SessionService sessions;
  private final Audit audit;
  private final int maxDays;

  public ApiTokenRoutes(SessionService sessions, Audit audit, int maxDays) {
    this.sessions = sessions;
    this.audit = audit;
    this.maxDays = maxDays;
  }

  public void register(ApiRouter api) {
    api.get("/users/me/tokens", Access.user(), this::list);
    api.post("/users/me/tokens", Access.user(), this::create);
    api.delete("/users/me/tokens/:tokenId", Access.user(), this::revoke);
  }

  private void list(RoutingContext rc) {
    sessions
        .apiTokens(Caller.of(rc).login())
        .onSuccess(
            tokens -> {
              JsonArray out = new JsonArray();
              tokens.forEach(t -> out.add(view(t)));
              rc.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(out.encode());
            })
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    JsonObject body = JsonBody.object(rc);
    Object rawName = body.getValue("name");
    if (!(rawName instanceof String name) || name.isBlank()) {
      throw ApiError.badRequest(
          "MISSING_FIELD", "'name' must be a non-empty string saying what the token is for");
    }
    if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest(
          "INVALID_NAME",
          "a token name has at most %d characters and no control characters",
          MAX_NAME);
    }
    Object rawDays = body.getValue("expiresInDays", maxDays);
    if (!(rawDays instanceof Number days)
        || days.doubleValue() != Math.floor(days.doubleValue())
        || days.intValue() < 1
        || days.intValue() > maxDays) {
      throw ApiError.badRequest(
          "INVALID_EXPIRY", "'expiresInDays' must be a whole number from 1 to %d", maxDays);
    }
    Principal p = Caller.of(rc);
    sessions
        .issueApiToken(p, name.strip(), Duration.ofDays(days.intValue()))
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    "token.create",
                    "user",
                    p.login(),
                    ar.cause(),
                    ar.succeeded() ? "tokenId=" + ar.result().session().tokenId() : null))
        .onSuccess(
            issued ->
                rc.response()
                    .setStatusCode(201)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(view(issued.session()).put("token", issued.token()).encode()))
        .onFailure(rc::fail);
  }

  private void revoke(RoutingContext rc) {
    String tokenId = rc.pathParam("tokenId");
    Principal p = Caller.of(rc);
    sessions
        .revokeApiToken(p.login(), tokenId)
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    "token.revoke",
                    "user",
                    p.login(),
                    ar.cause(),
                    "tokenId=" + tokenId))
        .onSuccess(
            found -> {
              if (!found) {
                rc.fail(
                    ApiError.notFound(
                        "TOKEN_NOT_FOUND", "you have no API token with id %s", tokenId));
              } else {
                rc.response().setStatusCode(204).end();
              }
            })
        .onFailure(rc::fail);
  }

  private static JsonObject view(Session t) {
    return new JsonObject()
        .put("id", t.tokenId())
        .put("name", t.name())
        .put("createdAt", t.createdAt().toString())
        .put("lastUsedAt", t.lastUsedAt().toString())
        .put("expiresAt", t.expiresAt().toString());
  }
}
