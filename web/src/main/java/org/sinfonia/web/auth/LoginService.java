package org.sinfonia.web.auth;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.auth.LoginThrottlePolicy;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;

/**
 * Password logins, shared by every door that takes a password (token endpoint, HTTP Basic, SFTP):
 * validates the name before it can reach a DN or filter, refuses empty passwords before the
 * directory is contacted (many servers accept an anonymous bind), throttles per user and per client
 * address, and records the user.
 */
public final class LoginService {

  private final Authenticator directory;
  private final FailureLog failures;
  private final UserRepository users;
  private final HomeFolders homes;
  private final LoginThrottlePolicy perUser;
  private final LoginThrottlePolicy perAddress;
  private final Clock clock;

  public LoginService(
      Authenticator directory,
      FailureLog failures,
      UserRepository users,
      HomeFolders homes,
      LoginThrottlePolicy perUser,
      LoginThrottlePolicy perAddress,
      Clock clock) {
    this.directory = directory;
    this.failures = failures;
    this.users = users;
    this.homes = homes;
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.clock = clock;
  }

  public Future<Principal> login(String login, String password, String clientAddress) {
    try {
      LoginName.require(login);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    if (password == null || password.isEmpty()) {
      return Future.failedFuture(invalidCredentials());
    }
    String userKey = "user:" + login.toLowerCase();
    String addressKey = "addr:" + clientAddress;
    return refuseIfLocked(userKey, perUser)
        .compose(v -> refuseIfLocked(addressKey, perAddress))
        .compose(
            v ->
                directory
                    .authenticate(login, password)
                    .recover(
                        e ->
                            isWrongCredentials(e)
                                ? recordFailure(userKey, addressKey)
                                    .compose(x -> Future.failedFuture(e))
                                : Future.failedFuture(e)))
        .compose(
            principal ->
                failures
                    .clear(userKey)
                    .compose(v -> users.recordLogin(principal))
                    .compose(
                        record ->
                            record.homeFolderId() != null
                                ? Future.succeededFuture(record.principal())
                                : homes
                                    .ensure(record.principal().login())
                                    .compose(
                                        folderId ->
                                            users.setHomeFolder(
                                                record.principal().login(), folderId))
                                    .map(record.principal())));
  }

  private Future<Void> refuseIfLocked(String key, LoginThrottlePolicy policy) {
    return failures
        .recent(key)
        .compose(
            times -> {
              Instant now = clock.instant();
              Optional<Instant> until = policy.lockedUntil(times, now);
              if (until.isPresent()) {
                long seconds = Math.max(1, Duration.between(now, until.get()).toSeconds());
                return Future.failedFuture(
                    ApiError.tooManyRequests(
                        "LOGIN_THROTTLED",
                        "too many failed logins; try again in %d seconds",
                        seconds));
              }
              return Future.succeededFuture();
            });
  }

  private Future<Void> recordFailure(String userKey, String addressKey) {
    long now = clock.millis();
    return Future.join(
            failures.record(userKey, now, perUser.historyLength()),
            failures.record(addressKey, now, perAddress.historyLength()))
        .mapEmpty();
  }

  private static boolean isWrongCredentials(Throwable e) {
    return e instanceof ApiError a && a.kind() == ApiError.Kind.UNAUTHENTICATED;
  }

  public static ApiError invalidCredentials() {
    return ApiError.unauthenticated("INVALID_CREDENTIALS", "wrong user name or password");
  }
}
