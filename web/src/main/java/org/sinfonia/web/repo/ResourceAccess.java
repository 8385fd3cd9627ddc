package org.sinfonia.web.repo;

import io.vertx.core.Future;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;

/**
 * Loads a resource of the tree for a caller who must hold a level on it, decided by {@link
 * AccessPolicy}: the one check behind HTTP routes ({@link Requires}), SFTP drop folders and
 * exports, and background jobs acting for their owner. No HTTP here.
 */
public final class ResourceAccess {

  private final TreeReader tree;

  public ResourceAccess(TreeReader tree) {
    this.tree = tree;
  }

  /**
   * The resource and the caller's level on it, or the denial {@link AccessPolicy} prescribes (404 /
   * 403).
   */
  public Future<Loaded> load(Principal caller, ResourceType type, String id, Level needed) {
    if (id == null || id.isBlank() || id.length() > 64) {
      return Future.failedFuture(notFound(type, String.valueOf(id)));
    }
    return tree.find(type, id)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(notFound(type, id));
              }
              Level level =
                  AccessPolicy.require(caller, found.get().acl(), needed, type.singular(), id);
              return Future.succeededFuture(new Loaded(found.get(), level));
            });
  }

  private static ApiError notFound(ResourceType type, String id) {
    return ApiError.notFound(
        type.singular().toUpperCase() + "_NOT_FOUND", "no %s %s", type.singular(), id);
  }
}
