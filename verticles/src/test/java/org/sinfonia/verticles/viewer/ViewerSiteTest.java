package org.sinfonia.verticles.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The OHIF site at /viewer/ over a real socket, on a stand-in of OHIF's dist/ written by the test
 * (the real one is 166 MB and may be skipped by the build): the rewritten page without inline
 * scripts, the generated configuration on this node's DICOMweb, the viewer's own CSP, caching by
 * fingerprint, OHIF's routes answered with the page and missing files with 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerSiteTest {

  private static final String BUNDLE = "app.bundle.0123456789abcdef.js";

  private Path dist;
  private TestNode node;
  private String cookie;
  private String csrf;

  @BeforeAll
  void start() throws Exception {
    dist = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "viewer-dist-");
    Files.writeString(
        dist.resolve("index.html"),
        "<!doctype html><html><head><script>console.time(\"scriptToView\"),window.PUBLIC_URL=\"/\""
            + "</script><link rel=\"manifest\" href=\"/manifest.json\"><script src=\"/app-config.js\">"
            + "</script><script>function browserImportFunction(n){return import(n)}</script>"
            + "<script defer src=\"/"
            + BUNDLE
            + "\"></script><link href=\"/app.bundle.css\" rel=\"stylesheet\"></head>"
            + "<body><div id=\"root\"></div></body></html>");
    Files.writeString(dist.resolve(BUNDLE), "console.log('ohif');\n");
    Files.writeString(dist.resolve("app.bundle.css"), "body{margin:0}\n");
    Files.writeString(dist.resolve("app-config.js"), "window.config = {hand: 'edited'};\n");
    node =
        TestNode.start(
            Map.of("SINFONIA_VIEWER_ENABLED", "true", "SINFONIA_VIEWER_DIR", dist.toString()));
    HttpResponse<Buffer> login =
        Await.result(
            node.client
                .post("/api/v1/session")
                .sendJsonObject(
                    new JsonObject().put("username", "alice").put("password", "alice-demo")));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String set =
        login.cookies().stream()
            .filter(c -> c.startsWith("sinfonia_session="))
            .findFirst()
            .orElseThrow();
    cookie = set.substring(0, set.indexOf(';'));
    csrf = login.bodyAsJsonObject().getString("csrfToken");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /** A GET from alice's browser, signed in to the portal. */
  private HttpResponse<Buffer> get(String path) {
    return Await.result(
        node.client.get(path).putHeader("Cookie", cookie).followRedirects(false).send());
  }

  private HttpResponse<Buffer> anonymous(String path) {
    return Await.result(node.client.get(path).followRedirects(false).send());
  }

  @Test
  void thePageIsRewrittenWithoutInlineScripts() {
    assertEquals("/viewer/", get("/viewer").getHeader("Location"));
    HttpResponse<Buffer> page = get("/viewer/");
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
    assertEquals("no-cache", page.getHeader("Cache-Control"));
    String csp = page.getHeader("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), csp);
    assertFalse(csp.contains("'unsafe-inline'") || csp.contains(" 'unsafe-eval'"), csp);
    String html = page.bodyAsString();
    assertFalse(html.contains("<script>"), "no inline script left: " + html);
    assertTrue(html.contains("<script src=\"/viewer/sinfonia-boot.js\"></script>"), html);
    assertTrue(html.contains("src=\"/viewer/" + BUNDLE + "\""), html);
    assertTrue(html.contains("href=\"/viewer/app.bundle.css\""), html);
    assertTrue(html.contains("src=\"/viewer/app-config.js\""), html);
    String boot = get("/viewer/sinfonia-boot.js").bodyAsString();
    assertTrue(boot.contains("window.PUBLIC_URL = '/viewer/'"), boot);
    assertTrue(boot.contains("function browserImportFunction(n)"), boot);
    assertTrue(boot.contains("'X-CSRF-Token'"), "the boot script hands OHIF the CSRF token");
    assertEquals(
        html, get("/viewer/studies/1.2.3").bodyAsString(), "OHIF's own routes get the page");
  }

  @Test
  void theConfigurationIsGeneratedForThisNode() {
    HttpResponse<Buffer> js = get("/viewer/app-config.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.getHeader("Content-Type").startsWith("text/javascript"));
    String body = js.bodyAsString();
    assertFalse(body.contains("hand"), "the directory's own app-config.js is never served");
    assertTrue(body.startsWith("window.config = "), body);
    JsonObject config =
        new JsonObject(body.substring("window.config = ".length(), body.indexOf("};") + 1));
    assertEquals("/viewer", config.getString("routerBasename"));
    assertEquals("sinfonia", config.getString("defaultDataSourceName"));
    JsonObject source =
        config.getJsonArray("dataSources").getJsonObject(0).getJsonObject("configuration");
    String root = node.url("/dicom-web");
    assertEquals(root, source.getString("qidoRoot"));
    assertEquals(root, source.getString("wadoRoot"));
    assertTrue(source.getBoolean("supportsFuzzyMatching") && source.getBoolean("supportsWildcard"));
    assertEquals("wadors", source.getString("imageRendering"));
    JsonObject folders = config.getJsonArray("dataSources").getJsonObject(1);
    assertEquals("sinfonia-folder", folders.getString("sourceName"));
    assertEquals(root, folders.getJsonObject("configuration").getString("qidoRoot"));
    String functions = body.substring(body.indexOf("};") + 2);
    assertTrue(body.contains("source.configuration.onConfiguration = function"), body);
    assertTrue(body.contains("createLogoComponentFn: function (React)"), body);
    assertTrue(body.contains("href: '/#/studies'"), "the way back to the portal: " + functions);
  }

  @Test
  void withoutASessionThePageSendsTheUserToSignInAndBack() {
    HttpResponse<Buffer> page = anonymous("/viewer/viewer?StudyInstanceUIDs=1.2.3");
    assertEquals(302, page.statusCode());
    assertEquals(
        "/?next=%2Fviewer%2Fviewer%3FStudyInstanceUIDs%3D1.2.3", page.getHeader("Location"));
    assertEquals("no-store", page.getHeader("Cache-Control"));
    assertEquals(302, anonymous("/viewer/").statusCode());
    // The viewer's code is not secret: bundles load before sign-in too.
    assertEquals(200, anonymous("/viewer/" + BUNDLE).statusCode());
  }

  @Test
  void theSessionCookieReadsDicomWebAndStowNeedsTheCsrfToken() {
    HttpResponse<Buffer> qido =
        Await.result(
            node.client
                .get("/dicom-web/studies")
                .putHeader("Cookie", cookie)
                .putHeader("Accept", "application/dicom+json")
                .send());
    assertTrue(qido.statusCode() == 200 || qido.statusCode() == 204, qido.bodyAsString());
    String type = "multipart/related; type=\"application/dicom\"; boundary=b";
    Buffer empty = Buffer.buffer("--b--\r\n");
    HttpResponse<Buffer> forged =
        Await.result(
            node.client
                .post("/dicom-web/studies")
                .putHeader("Cookie", cookie)
                .putHeader("Content-Type", type)
                .sendBuffer(empty));
    assertEquals(403, forged.statusCode(), forged.bodyAsString());
    assertEquals("CSRF_TOKEN_MISSING", forged.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> withToken =
        Await.result(
            node.client
                .post("/dicom-web/studies")
                .putHeader("Cookie", cookie)
                .putHeader("X-CSRF-Token", csrf)
                .putHeader("Content-Type", type)
                .sendBuffer(empty));
    assertFalse(
        withToken.statusCode() == 403 || withToken.statusCode() == 401,
        "past the CSRF guard: " + withToken.statusCode() + " " + withToken.bodyAsString());
  }

  @Test
  void bundlesAreCachedByFingerprintAndMissingFilesAre404() {
    HttpResponse<Buffer> bundle = get("/viewer/" + BUNDLE);
    assertEquals(200, bundle.statusCode());
    assertEquals("console.log('ohif');\n", bundle.bodyAsString());
    assertEquals("public, max-age=31536000, immutable", bundle.getHeader("Cache-Control"));
    assertTrue(bundle.getHeader("Content-Type").startsWith("text/javascript"));
    HttpResponse<Buffer> css = get("/viewer/app.bundle.css");
    assertEquals("no-cache", css.getHeader("Cache-Control"));
    String etag = css.getHeader("ETag");
    assertTrue(etag != null && etag.startsWith("\""), "unfingerprinted files carry a validator");
    assertTrue(css.getHeader("Last-Modified").endsWith("GMT"), css.getHeader("Last-Modified"));
    HttpResponse<Buffer> again =
        Await.result(
            node.client
                .get("/viewer/app.bundle.css")
                .putHeader("Cookie", cookie)
                .putHeader("If-None-Match", etag)
                .send());
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body() == null ? 0 : again.body().length());
    HttpResponse<Buffer> missing = get("/viewer/missing.0123456789abcdef.js");
    assertEquals(404, missing.statusCode());
    assertEquals("application/json", missing.getHeader("Content-Type"));
    HttpResponse<Buffer> outside = get("/viewer/%2e%2e/%2e%2e/%2e%2e/pom.xml");
    assertFalse(outside.bodyAsString().contains("<project"), "nothing outside the viewer's files");
  }

  @Test
  void thePortalIsToldTheViewerIsThere() {
    JsonObject viewers = get("/api/v1/viewers").bodyAsJsonObject();
    JsonObject links =
        new JsonObject()
            .put("study", "/viewer/viewer?StudyInstanceUIDs={study}")
            .put(
                "series",
                "/viewer/viewer?StudyInstanceUIDs={study}&initialSeriesInstanceUID={series}")
            .put("folder", "/viewer/?datasources=sinfonia-folder&folder={folder}");
    assertEquals(
        new JsonObject()
            .put(
                "ohif",
                new JsonObject().put("available", true).put("url", "/viewer/").put("links", links)),
        viewers);
  }
}
