package org.sinfonia.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.function.Consumer;
import org.sinfonia.web.auth.AuthHandler;
import org.sinfonia.web.auth.CsrfGuard;
import org.sinfonia.web.system.SystemRoutes;

/**
 * Assembles the HTTP surface: CORS, authentication, the system endpoints, every {@code /api/v1}
 * route family, and the error mapper. Route families register themselves through {@link ApiRouter}.
 */
public final class HttpApi {

  public static final String API_PREFIX = "/api/v1";
  public static final String DICOMWEB_PREFIX = "/dicom-web";
  private static final long JSON_BODY_LIMIT = 1 << 20;

  private HttpApi() {}

  public static Router router(
      Vertx vertx,
      List<String> corsOrigins,
      AuthHandler auth,
      SystemRoutes system,
      List<Consumer<ApiRouter>> families) {
    return router(vertx, corsOrigins, auth, system, families, List.of());
  }

  /** As above, plus route families mounted under {@code /dicom-web} (outside the versioned API). */
  public static Router router(
      Vertx vertx,
      List<String> corsOrigins,
      AuthHandler auth,
      SystemRoutes system,
      List<Consumer<ApiRouter>> families,
      List<Consumer<ApiRouter>> dicomWeb) {
    return router(vertx, corsOrigins, auth, system, families, dicomWeb, r -> {});
  }

  /** As above, plus the pages (the web portal) served for whatever the API does not answer. */
  public static Router router(
      Vertx vertx,
      List<String> corsOrigins,
      AuthHandler auth,
      SystemRoutes system,
      List<Consumer<ApiRouter>> families,
      List<Consumer<ApiRouter>> dicomWeb,
      Consumer<Router> pages) {
    Router router = Router.router(vertx);
    if (!corsOrigins.isEmpty()) {
      router.route().handler(cors(corsOrigins));
    }
    system.register(router);
    router.route().handler(auth).handler(new CsrfGuard());
    system.registerForAdmins(new ApiRouter(router, "", JSON_BODY_LIMIT));
    ApiRouter api = new ApiRouter(router, API_PREFIX, JSON_BODY_LIMIT);
    families.forEach(f -> f.accept(api));
    ApiRouter dicom = new ApiRouter(router, DICOMWEB_PREFIX, JSON_BODY_LIMIT);
    dicomWeb.forEach(f -> f.accept(dicom));
    pages.accept(router);
    router.route().last().handler(rc -> rc.fail(404));
    router.route().failureHandler(new ErrorMapper());
    return router;
  }

  private static CorsHandler cors(List<String> origins) {
    CorsHandler cors =
        origins.contains("*") ? CorsHandler.create() : CorsHandler.create().addOrigins(origins);
    return cors.allowedMethods(
            java.util.Set.of(
                HttpMethod.GET,
                HttpMethod.HEAD,
                HttpMethod.POST,
                HttpMethod.PUT,
                HttpMethod.PATCH,
                HttpMethod.DELETE,
                HttpMethod.OPTIONS))
        .allowedHeaders(
            java.util.Set.of(
                "Authorization",
                "Content-Type",
                "Accept",
                "Range",
                "If-None-Match",
                "Tus-Resumable",
                "Upload-Length",
                "Upload-Offset",
                "Upload-Metadata",
                "Upload-Defer-Length",
                "Upload-Checksum",
                "Upload-Concat",
                "X-CSRF-Token",
                "X-Requested-With",
                "X-HTTP-Method-Override",
                "Cache-Control"))
        .exposedHeaders(
            java.util.Set.of(
                "Location",
                "ETag",
                "Content-Range",
                "Content-Disposition",
                "Tus-Resumable",
                "Tus-Version",
                "Tus-Extension",
                "Tus-Max-Size",
                "Tus-Checksum-Algorithm",
                "Upload-Offset",
                "Upload-Length",
                "Upload-Expires",
                "Upload-Metadata",
                "Upload-Defer-Length",
                "Upload-Concat",
                "Sinfonia-File-Id",
                "Sinfonia-Preview-Failure",
                "Sinfonia-Preview-Frame",
                "Sinfonia-Preview-Frames",
                "Sinfonia-Preview-Cache",
                "Warning",
                "Content-Type",
                "Content-Length"))
        .allowCredentials(!origins.contains("*"));
  }
}
