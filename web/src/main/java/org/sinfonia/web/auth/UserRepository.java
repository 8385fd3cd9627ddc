package org.sinfonia.web.auth;

import io.vertx.core.Future;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;

/** User records, created at first login and refreshed at every login. */
public interface UserRepository {

  Future<UserRecord> recordLogin(Principal principal);

  Future<Optional<UserRecord>> find(String login);

  Future<Void> setHomeFolder(String login, String folderId);
}
