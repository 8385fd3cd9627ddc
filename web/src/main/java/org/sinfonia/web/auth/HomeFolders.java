package org.sinfonia.web.auth;

import io.vertx.core.Future;

/** Creates (once) and returns the id of a user's private home folder. */
@FunctionalInterface
public interface HomeFolders {
  Future<String> ensure(String login);
}
