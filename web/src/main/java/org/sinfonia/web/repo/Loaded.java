package org.sinfonia.web.repo;

import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;

/** The resource an access check loaded for a route, with the caller's level on it. */
public record Loaded(Resource resource, Level level) {

  private static final String KEY = "sinfonia.loaded";

  public static Loaded of(RoutingContext rc) {
    Loaded l = rc.get(KEY);
    if (l == null) {
      throw new IllegalStateException(
          "route has no resource access declared: " + rc.normalizedPath());
    }
    return l;
  }

  static void set(RoutingContext rc, Loaded loaded) {
    rc.put(KEY, loaded);
  }
}
