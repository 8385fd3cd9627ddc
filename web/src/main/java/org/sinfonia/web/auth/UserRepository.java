package org.sinfonia.web.auth;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;

/** User records, created at first login and refreshed at every login. */
public interface UserRepository {

  Future<UserRecord> recordLogin(Principal principal);

  Future<Optional<UserRecord>> find(String login);

  Future<Void> setHomeFolder(String login, String folderId);

  /** Users whose login or display name starts with {@code prefix} (case-insensitive), by login. */
  Future<List<UserRecord>> findByPrefix(String prefix, int limit);

  /**
   * Group names, of the groups known users belong to, that start with {@code prefix}
   * (case-insensitive).
   */
  Future<List<String>> groupsByPrefix(String prefix, int limit);
}
