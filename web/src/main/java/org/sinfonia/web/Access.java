package org.sinfonia.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;

/**
 * What a route requires of its caller, declared where the route is registered (never checked inside
 * a handler body). A check completes when the caller may proceed, or fails with an {@link
 * ApiError}; checks that need a resource load it and leave it on the context for the handler.
 */
@FunctionalInterface
public interface Access {

  Future<Void> check(RoutingContext rc);

  /** Public: no credentials needed. */
  static Access anyone() {
    return rc -> Future.succeededFuture();
  }

  /** Any logged-in user. */
  static Access user() {
    return rc ->
        Caller.of(rc).anonymous()
            ? Future.failedFuture(
                ApiError.unauthenticated(
                    "AUTHENTICATION_REQUIRED", "log in to access this resource"))
            : Future.succeededFuture();
  }

  /** Site administrators only. */
  static Access admin() {
    return rc -> {
      Principal p = Caller.of(rc);
      if (p.anonymous()) {
        return Future.failedFuture(
            ApiError.unauthenticated("AUTHENTICATION_REQUIRED", "log in to access this resource"));
      }
      return p.admin()
          ? Future.succeededFuture()
          : Future.failedFuture(ApiError.forbidden("ADMIN_REQUIRED", "site administrators only"));
    };
  }
}
