package org.sinfonia.verticles.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The portal in a real headless Chromium (the system's, driven by playwright-core from web/ui/e2e): alice signs in,
 * uploads a 50-file tree with a 200 MB file resumed after a reload, previews a CT series, a PDF and a CSV, extracts
 * a zip, searches by metadata and shares a folder with bob, who sees it and nothing else of hers.
 * Screenshots of the main screens go to target/ui-screenshots/.
 */
class PortalBrowserTest {

  /** The portal's policy from the UI contract, so the test front runs the portal under it as the node will. */
  private static final String PORTAL_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
      + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-src 'self'; frame-ancestors 'none'; "
      + "base-uri 'self'; form-action 'self'";
  private static final Path UI = Path.of("..", "web", "ui").toAbsolutePath().normalize();
  private TestNode node;
  private HttpServer sameOrigin;

  @BeforeEach
  void start() {
    node = TestNode.start(Map.of());
  }

  @AfterEach
  void stop() {
    if (sameOrigin != null) {
      Await.result(sameOrigin.close());
    }
    node.close();
  }

  @Test
  void aliceAndBobWorkThroughThePortal() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is needed: apt-get install -y chromium");
    assertTrue(Files.isDirectory(UI.resolve("node_modules/playwright-core")), "web/ui was not built (npm ci)");
    Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "portal-e2e-").toAbsolutePath();
    String bigSha = makeTree(data.resolve("tree"));
    Files.writeString(data.resolve("big.sha256"), bigSha);

    Process p = new ProcessBuilder("node", UI.resolve("e2e/portal.e2e.mjs").toString(), baseUrl(),
        Path.of("target", "ui-screenshots").toAbsolutePath().toString(), data.toString())
        .redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).lines().forEach(line -> {
          System.out.println(line);
          output.append(line).append('\n');
        }));
    reader.start();
    boolean ended = p.waitFor(6, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    reader.join(5000);
    assertTrue(ended, "the browser test did not end within 6 minutes:\n" + output);
    assertEquals(0, p.exitValue(), "the browser test failed:\n" + output);
  }

  /**
   * The node's own address when it serves the portal; until then a same-origin front for this test: the built
   * portal from the class path at '/', everything else passed through to the node.
   */
  private String baseUrl() {
    HttpResponse<Buffer> index = Await.result(node.client.get("/").putHeader("Accept", "text/html").send());
    if (index.statusCode() == 200 && index.bodyAsString().contains("<div id=\"app\">")) {
      return node.url("");
    }
    assertTrue(getClass().getClassLoader().getResource("portal/index.html") != null,
        "the built portal (portal/index.html) is not on the class path: build the web module");
    HttpClient upstream = node.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")

        .setDefaultPort(node.port()));
    Router router = Router.router(node.vertx);
    router.routeWithRegex("^/(api|dicom-web|health|metrics)(/.*)?$").handler(ctx -> pass(upstream, ctx.request()));
    router.route().handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", PORTAL_CSP).putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    router.route().handler(StaticHandler.create("portal").setCachingEnabled(false).setIndexPage("index.html"));
    sameOrigin = Await.result(node.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return "http://127.0.0.1:" + sameOrigin.actualPort();
  }

  private static void pass(HttpClient upstream, HttpServerRequest in) {
    in.pause();
    RequestOptions options = new RequestOptions().setMethod(in.method()).setURI(in.uri())
        .setHeaders(in.headers().copy()); // Host kept: the node builds tus Location URLs from it
    upstream.request(options).compose(out -> {
      boolean body = in.headers().contains(HttpHeaders.CONTENT_LENGTH) || in.headers().contains(HttpHeaders.TRANSFER_ENCODING);
      if (!body) {
        in.resume();
        return out.send();
      }
      out.setChunked(!in.headers().contains(HttpHeaders.CONTENT_LENGTH));
      in.resume();
      return in.pipeTo(out).compose(v -> out.response());
    }).onSuccess(res -> {
      in.response().setStatusCode(res.statusCode()).headers().setAll(res.headers());
      res.pipeTo(in.response());
    }).onFailure(e -> {
      if (!in.response().ended()) {
        in.response().setStatusCode(502).end();
      }
    });
  }

  /** 50 files: 5 CT slices, a PDF, a CSV, a zip, the XSS-named text, 40 notes in two levels, a 200 MB file. */
  private static String makeTree(Path tree) throws IOException, InterruptedException, Exception {
    Path ct = Files.createDirectories(tree.resolve("ct"));
    Path scratch = Files.createDirectories(tree.getParent().resolve("scratch"));
    for (int s = 1; s <= 5; s++) {
      StringBuilder pixels = new StringBuilder();
      for (int i = 0; i < 64; i++) {
        // stored 0..1400 with intercept -1024: air to bone in HU, a different pattern per slice
        pixels.append(i == 0 ? "" : "\\").append(String.format("%04x", (i * 20 + s * 170) % 1400));
      }
      Path dcm = DicomFiles.ct(scratch, "1.2.826.0.1.3680043.10.77.1", "1.2.826.0.1.3680043.10.77.1.1",
          "1.2.826.0.1.3680043.10.77.1.1." + s, "Lung^Test", "LUNG-1", "CT", Map.of(
              "(0020,0013)", "IS [" + s + "]",
              "(0020,0032)", "DS [0\\0\\" + (s * 2.5) + "]",
              "(0028,1050)", "DS [40]", "(0028,1051)", "DS [400]",
              "(0028,1052)", "DS [-1024]", "(0028,1053)", "DS [1]",
              "(7fe0,0010)", "OW " + pixels));
      Files.move(dcm, ct.resolve(String.format("slice-%02d.dcm", s)));
    }
    Files.write(tree.resolve("report.pdf"), minimalPdf());
    Files.writeString(tree.resolve("measurements.csv"), "patient,volume_ml,note\nLUNG-1,412.5,\"left, upper\"\nLUNG-2,388,ok\n");
    Files.writeString(tree.resolve("<img src=x onerror=alert(1)>.txt"), "<script>alert(2)</script> is just text\n");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tree.resolve("archive.zip")))) {
      for (String name : new String[] {"extracted/a.txt", "extracted/deeper/b.txt", "c.txt"}) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("content of " + name + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Path notes = Files.createDirectories(tree.resolve("notes").resolve("older"));
    for (int i = 1; i <= 40; i++) {
      Path dir = i <= 20 ? notes.getParent() : notes;
      Files.writeString(dir.resolve(String.format("note-%02d.txt", i)), "note " + i + "\n");
    }
    Path big = Files.createDirectories(tree.resolve("big")).resolve("big.bin");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Random random = new Random(16);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 200; i++) {
        random.nextBytes(block);
        sha.update(block);
        out.write(block);
      }
    }
    deleteTree(scratch);
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static byte[] minimalPdf() {
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        null,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    String stream = "BT /F1 18 Tf 20 70 Td (Dose report LUNG-1) Tj ET";
    objects[3] = "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream";
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = pdf.length();
      pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format("%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
        .append("\n%%EOF\n");
    return pdf.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
