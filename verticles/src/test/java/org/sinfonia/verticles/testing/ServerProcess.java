package org.sinfonia.verticles.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sinfonia node as its own process ({@code org.sinfonia.verticles.Launcher} on the test
 * classpath), the way operators run it: for tests that kill it ({@code kill -9}), restart it on the
 * same data, or give it a small heap. Talks to it with the JDK HTTP client as a given demo user.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final Process process;
  private final String url;
  private final StringBuffer output = new StringBuffer();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, String> tokens = new HashMap<>();

  private final BlockingQueue<String> lines;
  private final Thread reader;

  private ServerProcess(
      Process process, String url, BlockingQueue<String> lines, StringBuilder seen, Thread reader) {
    this.process = process;
    this.url = url;
    this.lines = lines;
    this.reader = reader;
    output.append(seen);
    Thread drain =
        new Thread(
            () -> {
              try {
                while (true) {
                  output.append(lines.take()).append('\n');
                }
              } catch (InterruptedException ignored) {
                // the test is over
              }
            },
            "server-output");
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Starts a node on {@code dataDir} with free HTTP and SFTP ports and waits until it listens.
   *
   * @param heap e.g. {@code 256m}
   * @param env more {@code SINFONIA_*} variables (e.g. {@code SINFONIA_PROFILE}, or a fixed {@code
   *     SINFONIA_HTTP_PORT} for a restart that clients must find again)
   * @param args the launcher's arguments (none: its default, {@code run})
   */
  public static ServerProcess start(
      Path dataDir, String heap, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                "org.sinfonia.verticles.Launcher"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SINFONIA_DATA_DIR", dataDir.toString());
    pb.environment().put("SINFONIA_HTTP_PORT", "0");
    pb.environment().put("SINFONIA_SFTP_PORT", "0");
    pb.environment().putAll(env);
    Process process = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "server-reader");
    reader.setDaemon(true);
    reader.start();
    StringBuilder seen = new StringBuilder();
    while (true) {
      String line = lines.poll(120, TimeUnit.SECONDS);
      if (line == null) {
        process.destroyForcibly();
        throw new AssertionError("no 'listening on' line within 120 s:\n" + seen);
      }
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new ServerProcess(process, m.group(1), lines, seen, reader);
      }
    }
  }

  /** The base URL it printed ({@code http://host:port}). */
  public String url() {
    return url;
  }

  /**
   * SIGTERM ({@code Process.destroy()} would also close our end of its output), then waits up to 60
   * s for the graceful stop and for everything it printed; returns its exit status.
   */
  public int terminate() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not stop within 60 s of SIGTERM:\n" + output());
    }
    reader.join(10_000);
    for (int i = 0; i < 500 && !lines.isEmpty(); i++) {
      Thread.sleep(10); // the output thread is still copying the last lines
    }
    Thread.sleep(20); // ...including the one it took last
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  /** What the process printed so far. */
  public String output() {
    return output.toString();
  }

  /** {@code kill -9}: no shutdown hook, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not die");
    }
  }

  /** SIGTERM, then waits for the graceful stop. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.toHandle().destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Peak resident memory of the process so far (VmHWM), in KiB, or -1 where /proc is not there. */
  public long peakRssKib() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException ignored) {
      // not Linux, or gone
    }
    return -1;
  }

  private String token(String user) throws IOException, InterruptedException {
    String cached = tokens.get(user);
    if (cached != null) {
      return cached;
    }
    String password = user + "-demo";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("username", user).put("password", password).encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("login of " + user + ": " + r.statusCode() + " " + r.body());
    }
    String token = new JsonObject(r.body()).getString("token");
    tokens.put(user, token);
    return token;
  }

  private HttpResponse<String> send(
      String user, String method, String path, HttpRequest.BodyPublisher body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + "/api/v1" + path))
            .header("Authorization", "Bearer " + token(user))
            .method(method, body);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String expect(int status, HttpResponse<String> r) {
    if (r.statusCode() != status) {
      throw new AssertionError(
          "expected "
              + status
              + " from "
              + r.request().uri()
              + ", got "
              + r.statusCode()
              + ": "
              + r.body());
    }
    return r.body();
  }

  public JsonObject getObject(String user, String path) throws IOException, InterruptedException {
    return new JsonObject(
        expect(200, send(user, "GET", path, HttpRequest.BodyPublishers.noBody(), null)));
  }

  public JsonArray getArray(String user, String path) throws IOException, InterruptedException {
    return new JsonArray(
        expect(200, send(user, "GET", path, HttpRequest.BodyPublishers.noBody(), null)));
  }

  public JsonObject post(String user, String path, JsonObject body, int status)
      throws IOException, InterruptedException {
    return new JsonObject(
        expect(
            status,
            send(
                user,
                "POST",
                path,
                HttpRequest.BodyPublishers.ofString(body.encode()),
                "application/json")));
  }

  /**
   * Streams a file to {@code POST /folders/{id}/files?name=NAME[&query]} (never held in memory).
   */
  public JsonObject upload(
      String user, String folderId, String name, Path file, String query, int status)
      throws IOException, InterruptedException {
    String path =
        "/folders/"
            + folderId
            + "/files?name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + (query == null ? "" : "&" + query);
    return new JsonObject(
        expect(
            status,
            send(
                user,
                "POST",
                path,
                HttpRequest.BodyPublishers.ofFile(file),
                "application/octet-stream")));
  }

  /** Polls a job until it has ended. */
  public JsonObject awaitJob(String user, String jobId, Duration within)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      JsonObject job = getObject(user, "/jobs/" + jobId);
      String state = job.getString("state");
      if (!state.equals("queued") && !state.equals("running")) {
        return job;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "job " + jobId + " did not end within " + within + "; server said:\n" + output());
  }
}
