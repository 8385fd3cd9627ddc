package org.sinfonia.web.portal;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.HttpApi;

/**
 * Serves the web portal built into the classpath folder {@code portal/}: fingerprinted files under
 * {@code /assets/} are cached for a year (their names change with their content), {@code
 * index.html} is revalidated on every visit, and any other page address the browser asks for gets
 * {@code index.html}, so the portal's own routes survive a reload. Every answer carries a strict
 * content security policy.
 */
public final class PortalRoutes {

  /** Where the build puts the portal on the classpath. */
  public static final String BUILT = "portal/";

  private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  /** Paths that belong to the API and never fall back to the portal page. */
  private static final String[] NOT_PAGES = {
    HttpApi.API_PREFIX, HttpApi.DICOMWEB_PREFIX, "/health", "/metrics", "/assets"
  };

  private final Vertx vertx;
  private final String root;

  public PortalRoutes(Vertx vertx) {
    this(vertx, BUILT);
  }

  /**
   * @param root a classpath or file-system folder, ending in '/'
   */
  public PortalRoutes(Vertx vertx, String root) {
    this.vertx = vertx;
    this.root = root;
  }

  public void register(Router router) {
    router.route(HttpMethod.GET, "/assets/:name").handler(this::asset);
    router.route(HttpMethod.HEAD, "/assets/:name").handler(this::asset);
    router.route(HttpMethod.GET, "/*").handler(this::page);
    router.route(HttpMethod.HEAD, "/*").handler(this::page);
  }

  private void asset(RoutingContext rc) {
    String name = rc.pathParam("name");
    if (name == null || !ASSET_NAME.matcher(name).matches() || name.contains("..")) {
      rc.next();
      return;
    }
    send(rc, root + "assets/" + name, "public, max-age=31536000, immutable");
  }

  private void page(RoutingContext rc) {
    String path = rc.normalizedPath();
    for (String prefix : NOT_PAGES) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        rc.next();
        return;
      }
    }
    String file = path.substring(1);
    if (!file.isEmpty()
        && !file.contains("/")
        && ASSET_NAME.matcher(file).matches()
        && !file.equals("index.html")) {
      // A top-level file of the build (favicon, robots.txt); anything else is a page of the portal.
      vertx
          .fileSystem()
          .exists(root + file)
          .onComplete(
              ar -> {
                if (ar.succeeded() && ar.result()) {
                  send(rc, root + file, "public, max-age=86400");
                } else {
                  index(rc);
                }
              });
      return;
    }
    index(rc);
  }

  private void index(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    if (accept != null && !accept.contains("text/html") && !accept.contains("*/*")) {
      rc.next(); // a script asking for JSON gets the API's 404, not a web page
      return;
    }
    vertx
        .fileSystem()
        .exists(root + "index.html")
        .onComplete(
            ar -> {
              if (ar.failed() || !ar.result()) {
                rc.fail(
                    ApiError.unavailable(
                        "PORTAL_NOT_BUILT",
                        "the web portal is not part of this build: build with 'mvn package' (it needs Node.js and npm)"));
                return;
              }
              send(rc, root + "index.html", "no-cache");
            });
  }

  private void send(RoutingContext rc, String file, String cacheControl) {
    vertx
        .fileSystem()
        .exists(file)
        .onComplete(
            ar -> {
              if (ar.failed() || !ar.result()) {
                rc.next();
                return;
              }
              HttpServerResponse response = rc.response();
              SecurityHeaders.apply(response);
              response
                  .putHeader("Cache-Control", cacheControl)
                  .putHeader("Content-Type", type(file));
              if (rc.request().method() == HttpMethod.HEAD) {
                vertx
                    .fileSystem()
                    .props(file)
                    .onComplete(
                        props -> {
                          if (props.succeeded()) {
                            response.putHeader(
                                "Content-Length", Long.toString(props.result().size()));
                          }
                          response.end();
                        });
                return;
              }
              response
                  .sendFile(file)
                  .onFailure(
                      e -> {
                        if (!response.headWritten()) {
                          rc.fail(e);
                        }
                      });
            });
  }

  private static String type(String file) {
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
