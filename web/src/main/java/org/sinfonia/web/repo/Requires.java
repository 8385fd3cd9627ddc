package org.sinfonia.web.repo;

import io.vertx.core.Future;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.Caller;

/**
 * Access declarations for routes on one resource ({@code /folders/:id}): load it through {@link
 * ResourceAccess} and leave it on the context as {@link Loaded} for the handler.
 */
public final class Requires {

  private final ResourceAccess access;

  public Requires(ResourceAccess access) {
    this.access = access;
  }

  public Access level(Level needed, ResourceType type, String pathParam) {
    return rc -> {
      String id = rc.pathParam(pathParam);
      return load(Caller.of(rc), type, id, needed)
          .map(
              loaded -> {
                Loaded.set(rc, loaded);
                return null;
              });
    };
  }

  /**
   * Loads a resource the caller must hold {@code needed} on (also for ids found in request bodies).
   */
  public Future<Loaded> load(Principal caller, ResourceType type, String id, Level needed) {
    return access.load(caller, type, id, needed);
  }
}
