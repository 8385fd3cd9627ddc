package org.sinfonia.verticles.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Runs one of the portal's browser walks (web/ui/e2e/*.e2e.mjs, playwright-core driving the system
 * Chromium or Firefox ESR) against a node: {@code node <script> <baseUrl> target/ui-screenshots
 * <dataDir>}, its output echoed, its exit code checked.
 */
public final class PortalWalk implements AutoCloseable {

  /**
   * The portal's policy from the UI contract, so the test front runs the portal under it as the
   * node will.
   */
  private static final String PORTAL_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-src 'self'; frame-ancestors 'none'; "
          + "base-uri 'self'; form-action 'self'";

  /**
   * What a walk prints to have the test run its step (see {@link #run(WalkBrowser, String, Path,
   * Duration, Runnable)}).
   */
  public static final String STEP = "@@junit-step";

  static final Path UI = Path.of("..", "web", "ui").toAbsolutePath().normalize();
  private final TestNode node;
  private HttpServer sameOrigin;

  public PortalWalk(TestNode node) {
    this.node = node;
  }

  /** A fresh directory under target/ for the files a walk uploads. */
  public static Path dataDir() throws Exception {
    return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "portal-e2e-")
        .toAbsolutePath();
  }

  void run(WalkBrowser browser, String script, Path data, Duration limit) throws Exception {
    run(browser, script, data, limit, () -> {});
  }

  /**
   * As {@link #run(WalkBrowser, String, Path, Duration)}, with a step of the test's between two
   * phases of the walk: when the script prints a line with {@link #STEP}, {@code step} runs and
   * then {@code <dataDir>/step-done} is written (or {@code step-failed}), which the script waits
   * for.
   */
  public void run(WalkBrowser browser, String script, Path data, Duration limit, Runnable step)
      throws Exception {
    assertTrue(
        Files.isExecutable(browser.executable),
        browser.executable + " is needed: " + browser.install);
    assertTrue(
        Files.isDirectory(UI.resolve("node_modules/playwright-core")),
        "web/ui was not built (npm ci)");
    ProcessBuilder walk =
        new ProcessBuilder(
                "node",
                UI.resolve("e2e").resolve(script).toString(),
                baseUrl(),
                Path.of("target", "ui-screenshots", browser.screenshotFolder)
                    .toAbsolutePath()
                    .toString(),
                data.toString())
            .redirectErrorStream(true);
    walk.environment().put("E2E_BROWSER", browser.e2eName);
    Process p = walk.start();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () ->
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .lines()
                    .forEach(
                        line -> {
                          System.out.println(line);
                          output.append(line).append('\n');
                          if (line.contains(STEP)) {
                            step(step, data);
                          }
                        }));
    reader.start();
    boolean ended = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    reader.join(5000);
    assertTrue(ended, script + " did not end within " + limit + ":\n" + output);
    assertEquals(0, p.exitValue(), script + " failed:\n" + output);
  }

  private static void step(Runnable step, Path data) {
    String done = "step-done";
    try {
      step.run();
    } catch (RuntimeException | AssertionError e) {
      System.out.println("the test's step failed: " + e);
      done = "step-failed";
    }
    try {
      Files.writeString(data.resolve(done), "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The node's own address when it serves the portal; otherwise a same-origin front for the test:
   * the built portal from the class path at '/', everything else passed through to the node.
   */
  private String baseUrl() {
    HttpResponse<Buffer> index =
        Await.result(node.client.get("/").putHeader("Accept", "text/html").send());
    if (index.statusCode() == 200 && index.bodyAsString().contains("<div id=\"app\">")) {
      return node.url("");
    }
    assertTrue(
        getClass().getClassLoader().getResource("portal/index.html") != null,
        "the built portal (portal/index.html) is not on the class path: build the web module");
    HttpClient upstream =
        node.vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()));
    Router router = Router.router(node.vertx);
    router
        .routeWithRegex("^/(api|dicom-web|health|metrics|viewer)(/.*)?$")
        .handler(ctx -> pass(upstream, ctx.request()));
    router
        .route()
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader("Content-Security-Policy", PORTAL_CSP)
                  .putHeader("X-Content-Type-Options", "nosniff");
              ctx.next();
            });
    router
        .route()
        .handler(
            StaticHandler.create("portal").setCachingEnabled(false).setIndexPage("index.html"));
    sameOrigin =
        Await.result(node.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return "http://127.0.0.1:" + sameOrigin.actualPort();
  }

  private static void pass(HttpClient upstream, HttpServerRequest in) {
    in.pause();
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setURI(in.uri())
            .setHeaders(
                in.headers().copy()); // Host kept: the node builds tus Location URLs from it
    upstream
        .request(options)
        .compose(
            out -> {
              boolean body =
                  in.headers().contains(HttpHeaders.CONTENT_LENGTH)
                      || in.headers().contains(HttpHeaders.TRANSFER_ENCODING);
              if (!body) {
                in.resume();
                return out.send();
              }
              out.setChunked(!in.headers().contains(HttpHeaders.CONTENT_LENGTH));
              in.resume();
              return in.pipeTo(out).compose(v -> out.response());
            })
        .onSuccess(
            res -> {
              in.response().setStatusCode(res.statusCode()).headers().setAll(res.headers());
              res.pipeTo(in.response());
            })
        .onFailure(
            e -> {
              if (!in.response().ended()) {
                in.response().setStatusCode(502).end();
              }
            });
  }

  @Override
  public void close() {
    if (sameOrigin != null) {
      Await.result(sameOrigin.close());
    }
  }
}
