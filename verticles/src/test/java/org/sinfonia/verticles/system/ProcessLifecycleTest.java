package org.sinfonia.verticles.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.ServerProcess;

/**
 * The launcher as its own process, the way operators run it: it prints where it listens, serves,
 * removes blobs half-written by an earlier crash, reopens its embedded database on restart, and
 * stops cleanly on SIGTERM.
 */
class ProcessLifecycleTest {

  @TempDir Path dataDir;

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void stop(ServerProcess server) throws Exception {
    int printedBefore = server.output().length();
    assertEquals(143, server.terminate(), "exit status of a JVM ended by SIGTERM");
    String rest = server.output().substring(printedBefore);
    assertTrue(rest.contains("Sinfonia stopping"), rest);
    assertFalse(rest.contains("Exception"), rest);
  }

  @Test
  void startsServesAndStopsOnSigterm() throws Exception {
    Path partial = Files.createDirectories(dataDir.resolve("store/tmp")).resolve("crashed.part");
    Files.write(partial, new byte[1024]);

    ServerProcess first = ServerProcess.start(dataDir, "256m", Map.of());
    assertFalse(Files.exists(partial), "a blob half-written before a crash is removed at start-up");
    HttpResponse<String> health = get(first.url() + "/health");
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"status\":\"UP\""));
    assertEquals(
        401, get(first.url() + "/metrics").statusCode(), "metrics are for site administrators");
    stop(first);

    ServerProcess second = ServerProcess.start(dataDir, "256m", Map.of(), "run");
    assertEquals(
        200,
        get(second.url() + "/health").statusCode(),
        "the embedded database reopens after a clean stop");
    stop(second);
  }

  @Test
  void aBadConfigurationNamesTheKey() throws Exception {
    Path conf = dataDir.resolve("bad.yaml");
    Files.writeString(conf, "http:\n  port: eighty\n");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.sinfonia.verticles.Launcher",
                "run",
                "--conf",
                conf.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertTrue(out.contains("http.port: expected an integer"), out);
  }
}
