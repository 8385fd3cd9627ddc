package org.sinfonia.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;

/**
 * The one access decision every door uses (REST, DICOMweb, previews, search, SFTP).
 *
 * <p>Rule for denials: a caller who cannot READ a resource is told it does not exist ({@code 404}),
 * exactly as for an id that was never used, so ids cannot be probed; a caller who can READ but
 * lacks the level an operation needs gets {@code 403} ({@code 401} when anonymous, so a browser can
 * ask for a login).
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  /**
   * The caller's level on a resource with this ACL, or empty when the caller may not even read it.
   */
  public static Optional<Level> level(Principal caller, Acl acl) {
    if (caller.admin()) {
      return Optional.of(Level.ADMIN);
    }
    Level best = acl.isPublic() ? Level.READ : null;
    if (!caller.anonymous()) {
      best = Level.max(best, acl.users().get(caller.login()));
      for (String g : caller.groups()) {
        best = Level.max(best, acl.groups().get(g));
      }
    }
    return Optional.ofNullable(best);
  }

  public static boolean allows(Principal caller, Acl acl, Level needed) {
    return caller.admin() || level(caller, acl).map(l -> l.atLeast(needed)).orElse(false);
  }

  /** Returns the caller's level, or throws the denial the rule above prescribes. */
  public static Level require(Principal caller, Acl acl, Level needed, String what, String id) {
    Optional<Level> has = level(caller, acl);
    if (has.isEmpty()) {
      throw ApiError.notFound(what.toUpperCase() + "_NOT_FOUND", "no %s %s", what, id);
    }
    if (!has.get().atLeast(needed)) {
      throw ApiError.forbidden(
          "ACCESS_DENIED", "%s access to %s %s is required", needed.name().toLowerCase(), what, id);
    }
    return has.get();
  }

  /**
   * The reader tokens a caller matches (see {@link Acl#readerTokens()}); a query restricted to
   * documents whose readers contain one of them returns exactly what {@link #level} would let the
   * caller read. Site administrators match everything and need no restriction (empty).
   */
  public static Optional<List<String>> readerTokens(Principal caller) {
    if (caller.admin()) {
      return Optional.empty();
    }
    List<String> tokens = new ArrayList<>();
    tokens.add(Acl.PUBLIC_TOKEN);
    if (!caller.anonymous()) {
      tokens.add(Acl.userToken(caller.login()));
      caller.groups().forEach(g -> tokens.add(Acl.groupToken(g)));
    }
    return Optional.of(tokens);
  }
}
