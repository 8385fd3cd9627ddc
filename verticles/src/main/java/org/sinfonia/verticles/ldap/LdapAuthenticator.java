package org.sinfonia.verticles.ldap;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.auth.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sinfonia's LDAP authentication, off the event loop on a dedicated worker pool. It implements
 * Vert.x's {@link AuthenticationProvider} (the interface {@code vertx-auth-ldap} implements) over
 * {@link LdapDirectory}'s bounded pool, and Sinfonia's {@link Authenticator}, which also needs the
 * groups.
 */
public final class LdapAuthenticator implements Authenticator, AuthenticationProvider {

  private static final Logger LOG = LoggerFactory.getLogger(LdapAuthenticator.class);

  private final LdapDirectory directory;
  private final WorkerExecutor workers;

  public LdapAuthenticator(LdapDirectory directory, WorkerExecutor workers) {
    this.directory = directory;
    this.workers = workers;
  }

  @Override
  public Future<Principal> authenticate(String login, String password) {
    if (!LoginName.isValid(login) || password == null || password.isEmpty()) {
      // Never reaches the directory: an empty password would be an anonymous bind that many servers
      // accept.
      return Future.failedFuture(
          ApiError.unauthenticated("INVALID_CREDENTIALS", "wrong user name or password"));
    }
    return workers
        .executeBlocking(() -> directory.authenticate(login, password), false)
        .recover(
            e -> {
              LOG.warn("directory unavailable during login of {}: {}", login, e.getMessage());
              return Future.failedFuture(
                  ApiError.unavailable(
                      "DIRECTORY_UNAVAILABLE",
                      "the user directory cannot be reached; try again later"));
            })
        .compose(
            result ->
                result instanceof LdapDirectory.Result.Ok ok
                    ? Future.succeededFuture(ok.principal())
                    : Future.failedFuture(
                        ApiError.unauthenticated(
                            "INVALID_CREDENTIALS", "wrong user name or password")));
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof UsernamePasswordCredentials up)) {
      return Future.failedFuture(
          ApiError.unauthenticated("INVALID_CREDENTIALS", "user name and password required"));
    }
    return authenticate(up.getUsername(), up.getPassword())
        .map(
            p ->
                User.create(
                    new JsonObject()
                        .put("username", p.login())
                        .put("name", p.name())
                        .put("email", p.email())
                        .put("groups", new JsonArray(p.groups()))
                        .put("admin", p.admin())));
  }

  /** For the health check: completes when the directory answers. */
  public Future<Void> ping() {
    return workers.executeBlocking(
        () -> {
          directory.ping();
          return null;
        },
        false);
  }
}
