package org.sinfonia.web.auth;

import io.vertx.core.Future;
import org.sinfonia.core.auth.Principal;

/**
 * Checks a user name and password against the directory and resolves who that is (name, e-mail,
 * groups). Fails with an UNAUTHENTICATED {@code ApiError} for wrong credentials, whatever the
 * reason (unknown user or wrong password), and with UNAVAILABLE when the directory cannot be
 * reached.
 */
public interface Authenticator {
  Future<Principal> authenticate(String login, String password);
}
