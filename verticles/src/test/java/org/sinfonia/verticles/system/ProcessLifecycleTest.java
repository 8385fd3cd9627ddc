package org.sinfonia.verticles.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as its own process, the way operators run it: it prints where it listens, serves, removes
 * blobs half-written by an earlier crash, reopens its embedded database on restart, and stops cleanly on SIGTERM.
 */
class ProcessLifecycleTest {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir
  Path dataDir;

  private record Running(Process process, String url, BlockingQueue<String> lines, Thread reader) {
  }

  private Running launch(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "org.sinfonia.verticles.Launcher"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SINFONIA_DATA_DIR", dataDir.toString());
    pb.environment().put("SINFONIA_HTTP_PORT", "0");
    pb.environment().put("SINFONIA_SFTP_PORT", "0");
    Process process = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    StringBuilder seen = new StringBuilder();
    while (true) {
      String line = lines.poll(90, TimeUnit.SECONDS);
      if (line == null) {
        process.destroyForcibly();
        throw new AssertionError("no 'listening on' line within 90 s:\n" + seen);
      }
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Running(process, m.group(1), lines, reader);
      }
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void stop(Running r) throws Exception {
    r.process.toHandle().destroy();   // SIGTERM; Process.destroy() would also close our end of its stdout
    assertTrue(r.process.waitFor(60, TimeUnit.SECONDS), "the service stops within 60 s of SIGTERM");
    assertEquals(143, r.process.exitValue(), "exit status of a JVM ended by SIGTERM");
    r.reader.join(10_000);
    List<String> tail = new java.util.ArrayList<>();
    r.lines.drainTo(tail);
    String rest = String.join("\n", tail);
    assertTrue(rest.contains("Sinfonia stopping"), rest);
    assertFalse(rest.contains("Exception"), rest);
  }

  @Test
  void startsServesAndStopsOnSigterm() throws Exception {
    Path partial = Files.createDirectories(dataDir.resolve("store/tmp")).resolve("crashed.part");
    Files.write(partial, new byte[1024]);

    Running first = launch();
    assertFalse(Files.exists(partial), "a blob half-written before a crash is removed at start-up");
    HttpResponse<String> health = get(first.url + "/health");
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"status\":\"UP\""));
    assertEquals(200, get(first.url + "/metrics").statusCode());
    stop(first);

    Running second = launch("run");
    assertEquals(200, get(second.url + "/health").statusCode(), "the embedded database reopens after a clean stop");
    stop(second);
  }

  @Test
  void aBadConfigurationNamesTheKey() throws Exception {
    Path conf = dataDir.resolve("bad.yaml");
    Files.writeString(conf, "http:\n  port: eighty\n");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.sinfonia.verticles.Launcher", "run", "--conf", conf.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertTrue(out.contains("http.port: expected an integer"), out);
  }
}
