package org.sinfonia.web.portal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sinfonia.web.Caller;
import org.sinfonia.web.dicomweb.DicomWebUrls;

/**
 * Serves the prebuilt OHIF viewer (v3, {@code @ohif/app}'s {@code dist/}, copied beside the jar by
 * the build) at {@code /viewer/}. Its {@code index.html} is rewritten once when the node starts:
 * its absolute paths get the {@code /viewer/} prefix and its two inline scripts (which the content
 * security policy forbids) become {@code /viewer/sinfonia-boot.js}. Its {@code app-config.js} is
 * generated here, pointing OHIF at this node's DICOMweb; the one in the directory is never served.
 * Fingerprinted bundles are cached for a year, everything else is revalidated; any other address
 * under {@code /viewer/} that is not a file gets the page, so OHIF's own routes survive a reload.
 */
public final class ViewerSite {

  /** Where the viewer is served; OHIF's router base name is this without the last '/'. */
  public static final String PATH = "/viewer/";

  /** The viewer's policy: OHIF compiles WebAssembly codecs and runs blob workers. */
  public static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self' 'wasm-unsafe-eval'",
          // The three <style> elements OHIF 3.13.2 injects (one is empty), by hash: no inline style
          // else.
          "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
              + " 'sha256-Od9mHMH7x2G6QuoV3hsPkDCwIyqbg2DX3F5nLeCYQBc='"
              + " 'sha256-vGQdhYJbTuF+M8iCn1IZCHpdkiICocWHDq4qnQF4Rjw='",
          "img-src 'self' data: blob:",
          "media-src 'self' blob:",
          "connect-src 'self'",
          "font-src 'self' data:",
          "object-src 'none'",
          "frame-src 'self'",
          "worker-src 'self' blob:",
          "frame-ancestors 'self'",
          "base-uri 'self'",
          "form-action 'self'");

  /** The data source that shows one folder's studies: {@code ?datasources=...&folder=<id>}. */
  public static final String FOLDER_SOURCE = "sinfonia-folder";

  private static final String SOURCE = "sinfonia";
  private static final String BOOT = resource("viewer-boot.js");
  private static final String CONFIG_FUNCTIONS = resource("viewer-config.js");

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");
  private static final Pattern FINGERPRINTED =
      Pattern.compile("(.*\\.)?[0-9a-f]{16}\\.(js|wasm|woff2|css)");
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>.*?</script>");
  private static final Pattern ROOTED = Pattern.compile("(href|src)=\"/(?!/)");
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
          Map.entry("jsonc", "application/json"),
          Map.entry("webapp", "application/x-web-app-manifest+json"),
          Map.entry("xml", "application/xml"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  private final Vertx vertx;
  private final String root;
  private final String index;
  private final DicomWebUrls urls;

  private ViewerSite(Vertx vertx, String root, String index, DicomWebUrls urls) {
    this.vertx = vertx;
    this.root = root;
    this.index = index;
    this.urls = urls;
  }

  /**
   * The viewer in {@code dir}, or empty when it holds no {@code index.html} (a build without the
   * viewer).
   *
   * @param publicUrl the configured public URL ({@code http.publicUrl}), empty for the request's
   */
  public static Future<Optional<ViewerSite>> load(Vertx vertx, Path dir, String publicUrl) {
    String root = dir.toAbsolutePath().normalize() + "/";
    return vertx
        .fileSystem()
        .readFile(root + "index.html")
        .map(
            html ->
                Optional.of(
                    new ViewerSite(
                        vertx, root, rewrite(html.toString()), new DicomWebUrls(publicUrl))))
        .otherwise(Optional.empty());
  }

  /** OHIF's index.html with every rooted path under {@link #PATH} and no inline script. */
  static String rewrite(String html) {
    String prefixed = ROOTED.matcher(html).replaceAll("$1=\"" + PATH);
    String boot = "<script src=\"" + PATH + "sinfonia-boot.js\"></script>";
    var inline = INLINE_SCRIPT.matcher(prefixed);
    StringBuilder out = new StringBuilder();
    boolean first = true;
    while (inline.find()) {
      inline.appendReplacement(out, first ? boot : "");
      first = false;
    }
    inline.appendTail(out);
    return out.toString();
  }

  /**
   * OHIF's {@code window.config}: one DICOMweb data source on this node, the study list, and the
   * router under {@link #PATH}.
   */
  static JsonObject appConfig(String dicomWebRoot) {
    return new JsonObject()
        .put("routerBasename", PATH.substring(0, PATH.length() - 1))
        .put("extensions", new JsonArray())
        .put("modes", new JsonArray())
        .put("customizationService", new JsonObject())
        .put("showStudyList", true)
        .put("maxNumberOfWebWorkers", 3)
        .put("showWarningMessageForCrossOrigin", false)
        .put("showCPUFallbackMessage", true)
        .put("showLoadingIndicator", true)
        .put("strictZSpacingForVolumeViewport", true)
        .put("groupEnabledModesFirst", true)
        .put(
            "maxNumRequests",
            new JsonObject().put("interaction", 100).put("thumbnail", 5).put("prefetch", 25))
        .put("showErrorDetails", "production")
        .put("defaultDataSourceName", SOURCE)
        .put(
            "dataSources",
            new JsonArray()
                .add(dataSource(SOURCE, "Sinfonia", dicomWebRoot))
                .add(dataSource(FOLDER_SOURCE, "Sinfonia folder", dicomWebRoot)));
  }

  /**
   * The portal's links into the viewer, as templates with {@code {study}}, {@code {series}} and
   * {@code {folder}} to fill in (URL-encoded): OHIF's routes stay known in one place.
   */
  public static JsonObject links() {
    String study = PATH + "viewer?StudyInstanceUIDs={study}";
    return new JsonObject()
        .put("study", study)
        .put("series", study + "&initialSeriesInstanceUID={series}")
        .put("folder", PATH + "?datasources=" + FOLDER_SOURCE + "&folder={folder}");
  }

  private static JsonObject dataSource(String name, String friendlyName, String dicomWebRoot) {
    JsonObject source =
        new JsonObject()
            .put("friendlyName", friendlyName)
            .put("name", name)
            .put("qidoRoot", dicomWebRoot)
            .put("wadoRoot", dicomWebRoot)
            .put("wadoUriRoot", dicomWebRoot)
            .put("qidoSupportsIncludeField", true)
            .put("supportsReject", false)
            .put("supportsFuzzyMatching", true)
            .put("supportsWildcard", true)
            .put("imageRendering", "wadors")
            .put("thumbnailRendering", "wadors")
            .put("enableStudyLazyLoad", true)
            .put("omitQuotationForMultipartRequest", true)
            .put(
                "bulkDataURI",
                new JsonObject().put("enabled", true).put("relativeResolution", "studies"));
    return new JsonObject()
        .put("namespace", "@ohif/extension-default.dataSourcesModule.dicomweb")
        .put("sourceName", name)
        .put("configuration", source);
  }

  /** The generated {@code app-config.js}: the JSON configuration, then its functions. */
  static String appConfigScript(String dicomWebRoot) {
    return "window.config = " + appConfig(dicomWebRoot).encodePrettily() + ";\n" + CONFIG_FUNCTIONS;
  }

  public void register(Router router) {
    router
        .route(HttpMethod.GET, PATH.substring(0, PATH.length() - 1))
        .handler(
            rc -> {
              // Vert.x also routes "/viewer/" here.
              if (rc.request().path().endsWith("/")) {
                rc.next();
              } else {
                rc.redirect(PATH);
              }
            });
    router.route(HttpMethod.GET, PATH + "*").handler(this::get);
    router.route(HttpMethod.HEAD, PATH + "*").handler(this::get);
  }

  private void get(RoutingContext rc) {
    String file = rc.normalizedPath().substring(PATH.length());
    if (file.equals("app-config.js")) {
      text(rc, appConfigScript(urls.root(rc)), "text/javascript; charset=utf-8");
      return;
    }
    if (file.equals("sinfonia-boot.js")) {
      text(rc, BOOT, "text/javascript; charset=utf-8");
      return;
    }
    if (file.isEmpty() || file.equals("index.html") || !isFileName(file)) {
      page(rc);
      return;
    }
    String path = root + file;
    vertx
        .fileSystem()
        .props(path)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result().isRegularFile()) {
                String name = file.substring(file.lastIndexOf('/') + 1);
                send(rc, path, ar.result(), FINGERPRINTED.matcher(name).matches());
              } else if (looksLikeAFile(file)) {
                rc.fail(404); // a missing file is a 404, not a page (of OHIF or the portal)
              } else {
                page(rc);
              }
            });
  }

  /** A name with a file type the viewer ships (or a source map); a UID with dots is a route. */
  private static boolean looksLikeAFile(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.containsKey(ext) || ext.equals("map");
  }

  private static boolean isFileName(String file) {
    for (String segment : file.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * OHIF's page, for a signed-in user; anyone else is sent to the portal's sign-in first, which
   * comes back here (OHIF itself has no sign-in and would only show failed queries).
   */
  private void page(RoutingContext rc) {
    if (Caller.of(rc).anonymous()) {
      String back = rc.request().uri();
      rc.response()
          .putHeader("Cache-Control", "no-store")
          .putHeader("Location", "/?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8))
          .setStatusCode(302)
          .end();
      return;
    }
    text(rc, index, "text/html; charset=utf-8");
  }

  private void text(RoutingContext rc, String body, String type) {
    HttpServerResponse response = headers(rc, type).putHeader("Cache-Control", "no-cache");
    if (rc.request().method() == HttpMethod.HEAD) {
      response
          .putHeader(
              "Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
          .end();
    } else {
      response.end(body);
    }
  }

  /**
   * A fingerprinted file never changes under its name; the others (the main style sheet, its
   * chunks, images) are revalidated on each visit and answered 304 while unchanged.
   */
  private void send(RoutingContext rc, String path, FileProps props, boolean fingerprinted) {
    HttpServerResponse response = headers(rc, type(path));
    if (fingerprinted) {
      response.putHeader("Cache-Control", "public, max-age=31536000, immutable");
    } else {
      String etag =
          "\""
              + Long.toHexString(props.size())
              + "-"
              + Long.toHexString(props.lastModifiedTime())
              + "\"";
      response
          .putHeader("Cache-Control", "no-cache")
          .putHeader("ETag", etag)
          .putHeader(
              "Last-Modified",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  Instant.ofEpochMilli(props.lastModifiedTime()).atZone(ZoneOffset.UTC)));
      if (matches(rc.request().getHeader("If-None-Match"), etag)) {
        response.setStatusCode(304).end();
        return;
      }
    }
    if (rc.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Long.toString(props.size())).end();
      return;
    }
    response
        .sendFile(path)
        .onFailure(
            e -> {
              if (!response.headWritten()) {
                rc.fail(e);
              }
            });
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static String resource(String name) {
    try (var in = ViewerSite.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpServerResponse headers(RoutingContext rc, String type) {
    return rc.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Content-Type", type);
  }

  private static String type(String file) {
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
