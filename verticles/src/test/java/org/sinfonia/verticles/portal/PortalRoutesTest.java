package org.sinfonia.verticles.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;
import org.sinfonia.web.ErrorMapper;
import org.sinfonia.web.portal.PortalRoutes;

/**
 * How the portal's files are served: caching by kind, the page fallback, and the security headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalRoutesTest {

  private Vertx vertx;
  private HttpServer server;
  private WebClient client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/api/v1/ping").handler(rc -> rc.response().end("pong"));
    new PortalRoutes(vertx, "portal-fixture/").register(router);
    router.route().last().handler(rc -> rc.fail(404));
    router.route().failureHandler(new ErrorMapper());
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterAll
  void stop() {
    Await.result(vertx.close());
  }

  private HttpResponse<Buffer> get(String path, String accept) {
    var request = client.get(path);
    if (accept != null) {
      request.putHeader("Accept", accept);
    }
    return Await.result(request.send());
  }

  private static void assertLockedDown(HttpResponse<Buffer> r) {
    String csp = r.getHeader("Content-Security-Policy");
    assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe-"), csp);
    assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
    assertEquals("DENY", r.getHeader("X-Frame-Options"));
  }

  @Test
  void indexIsRevalidatedEveryVisit() {
    HttpResponse<Buffer> r = get("/", "text/html,application/xhtml+xml");
    assertEquals(200, r.statusCode());
    assertEquals("no-cache", r.getHeader("Cache-Control"));
    assertTrue(r.getHeader("Content-Type").startsWith("text/html"));
    assertTrue(r.bodyAsString().contains("/assets/app-3f2a9c1d.js"));
    assertLockedDown(r);
  }

  @Test
  void fingerprintedAssetsAreCachedForAYear() {
    HttpResponse<Buffer> r = get("/assets/app-3f2a9c1d.js", "*/*");
    assertEquals(200, r.statusCode());
    assertEquals("public, max-age=31536000, immutable", r.getHeader("Cache-Control"));
    assertTrue(r.getHeader("Content-Type").startsWith("text/javascript"));
    assertEquals("console.log(\"portal\");\n", r.bodyAsString());
    HttpResponse<Buffer> head = Await.result(client.head("/assets/app-3f2a9c1d.js").send());
    assertEquals(200, head.statusCode());
    assertEquals("23", head.getHeader("Content-Length"));
  }

  @Test
  void portalPagesFallBackToTheIndexSoAReloadKeepsTheView() {
    HttpResponse<Buffer> r = get("/browse/collections/abc", "text/html");
    assertEquals(200, r.statusCode());
    assertEquals("no-cache", r.getHeader("Cache-Control"));
    assertTrue(r.bodyAsString().contains("id=\"app\""));
    assertEquals("User-agent: *\nDisallow: /\n", get("/robots.txt", "*/*").bodyAsString());
  }

  @Test
  void apiPathsAndMissingAssetsStayJson404() {
    for (String path :
        new String[] {
          "/api/v1/nothing-here",
          "/dicom-web/nothing",
          "/assets/missing-0000.js",
          "/assets/..%2Findex.html"
        }) {
      HttpResponse<Buffer> r = get(path, "text/html");
      assertEquals(404, r.statusCode(), path);
      assertTrue(r.getHeader("Content-Type").startsWith("application/json"), path);
    }
    assertEquals("pong", get("/api/v1/ping", "text/html").bodyAsString());
    assertEquals(
        404,
        get("/some/page", "application/json").statusCode(),
        "a script asking for JSON gets no page");
  }

  @Test
  void aNodeWithoutTheBuiltPortalSaysSo() {
    try (TestNode node = TestNode.start()) {
      HttpResponse<Buffer> r =
          Await.result(node.client.get("/").putHeader("Accept", "text/html").send());
      if (r.statusCode() == 503) {
        assertEquals("PORTAL_NOT_BUILT", r.bodyAsJsonObject().getString("error"));
      } else {
        assertEquals(
            200, r.statusCode(), r.bodyAsString()); // built by 'mvn package': the real portal
        assertLockedDown(r);
      }
    }
  }
}
