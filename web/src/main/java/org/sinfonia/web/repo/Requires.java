package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.Caller;

/**
 * Access declarations for routes on one resource ({@code /folders/:id}): load it, decide with
 * {@link AccessPolicy}, and leave it on the context as {@link Loaded} for the handler.
 */
public final class Requires {

  private final TreeRepository tree;

  public Requires(TreeRepository tree) {
    this.tree = tree;
  }

  public Access level(Level needed, ResourceType type, String pathParam) {
    return rc -> {
      String id = rc.pathParam(pathParam);
      return load(Caller.of(rc), type, id, needed).map(loaded -> {
        Loaded.set(rc, loaded);
        return null;
      });
    };
  }

  /** Loads a resource the caller must hold {@code needed} on (also for ids found in request bodies). */
  public Future<Loaded> load(Principal caller, ResourceType type, String id, Level needed) {
    if (id == null || id.isBlank() || id.length() > 64) {
      return Future.failedFuture(ApiError.notFound(type.singular().toUpperCase() + "_NOT_FOUND", "no %s %s",
          type.singular(), String.valueOf(id)));
    }
    return tree.find(type, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiError.notFound(type.singular().toUpperCase() + "_NOT_FOUND", "no %s %s",
            type.singular(), id));
      }
      Level level = AccessPolicy.require(caller, found.get().acl(), needed, type.singular(), id);
      return Future.succeededFuture(new Loaded(found.get(), level));
    });
  }
}
