package org.sinfonia.verticles.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Previewer figures (not a test) against a running Sinfonia: uploads every {@code *.dcm} of a
 * directory with the streamed endpoint ({@code uploads} at a time) while sampling {@code GET
 * /health} every {@code interval} ms, waits for the ingest-time preview jobs, then asks for the
 * 128-pixel thumbnail of every file ({@code previews} at a time; cold, i.e. rendered: the first
 * half with {@code /health} sampled, the second without), and again (warm, from memory). Prints
 * RESULT lines. Usage: {@code PreviewBench BASE_URL DIR [uploads=4] [previews=2] [interval=20]};
 * run by {@code bench/preview-bench.sh}.
 */
public final class PreviewBench {

  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern HOME = Pattern.compile("\"homeFolderId\":\"([^\"]+)\"");
  private static final Pattern STATE =
      Pattern.compile("\"kind\":\"preview\"[^}]*?\"state\":\"([a-z]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private String token;

  private PreviewBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    int uploads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int previews = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int interval = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    PreviewBench bench = new PreviewBench(args[0]);
    bench.serverPid = args.length > 5 ? Long.parseLong(args[5]) : -1;
    bench.run(Path.of(args[1]), uploads, previews, interval);
  }

  private long serverPid;

  /**
   * The server's CPU time so far (user + system, from /proc; 0 when its pid was not given), in
   * seconds.
   */
  private double serverCpu() {
    if (serverPid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12]))
          / 100.0; // utime, stime in USER_HZ ticks
    } catch (Exception e) {
      return 0;
    }
  }

  /** Samples {@code /health} latency on its own thread and connection until stopped. */
  private final class HealthSampler implements AutoCloseable {
    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int failures;

    HealthSampler(int intervalMs) {
      HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).GET().build();
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<Void> r =
                        own.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                      nanos.add(System.nanoTime() - t0);
                    } else {
                      failures++;
                    }
                    Thread.sleep(intervalMs);
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    failures++;
                  }
                }
              },
              "health-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    List<Long> stop() throws InterruptedException {
      running.set(false);
      thread.join();
      return new ArrayList<>(nanos);
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }

  private HttpResponse<byte[]> send(String method, String path, HttpRequest.BodyPublisher body)
      throws Exception {
    return send(method, path, body, "application/json");
  }

  private HttpResponse<byte[]> send(
      String method, String path, HttpRequest.BodyPublisher body, String type) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r =
        http.send(b.header("Content-Type", type).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " -> " + r.statusCode() + " " + new String(r.body()));
    }
    return r;
  }

  private String json(String method, String path, String json) throws Exception {
    return new String(
        send(
                method,
                path,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .body(),
        StandardCharsets.UTF_8);
  }

  private static String first(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no match in " + body);
    }
    return m.group(1);
  }

  private void run(Path dir, int uploads, int previews, int interval) throws Exception {
    token =
        first(
            TOKEN,
            json(
                "POST",
                "/api/v1/auth/token",
                "{\"username\":\"admin\",\"password\":\"admin-demo\"}"));
    String home = first(HOME, json("GET", "/api/v1/users/me", null));
    String folder =
        first(
            ID,
            json(
                "POST",
                "/api/v1/folders",
                "{\"parentType\":\"folder\",\"parentId\":\""
                    + home
                    + "\",\"name\":\"preview-bench-"
                    + System.nanoTime()
                    + "\"}"));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
    }
    System.out.printf(
        "files: %d in %s; uploads %d at a time, thumbnails %d at a time, /health every %d ms%n",
        files.size(), dir, uploads, previews, interval);

    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    List<Long> ingestHealth;
    long t0 = System.nanoTime();
    try (HealthSampler health = new HealthSampler(interval)) {
      parallel(
          uploads,
          files.size(),
          i -> {
            Path f = files.get(i);
            String name = URLEncoder.encode(f.getFileName().toString(), StandardCharsets.UTF_8);
            HttpResponse<byte[]> r =
                send(
                    "POST",
                    "/api/v1/folders/" + folder + "/files?name=" + name,
                    HttpRequest.BodyPublishers.ofFile(f),
                    "application/dicom");
            ids.add(first(ID, new String(r.body(), StandardCharsets.UTF_8)));
          });
      double uploaded = seconds(t0);
      int jobs = awaitPreviewJobs();
      double previewed = seconds(t0);
      ingestHealth = health.stop();
      System.out.printf(
          "RESULT ingest: %d files in %.1f s (%.0f files/s); %d preview job(s) done after %.1f s%n",
          files.size(), uploaded, files.size() / uploaded, jobs, previewed);
      report("health during ingest + ingest-time previews", ingestHealth, health.failures);
    }

    // Thumbnails: the first half cold with /health sampled (responsiveness while previewing), the
    // second half
    // cold without the sampler (its 50 requests a second cost the server CPU too), then all warm,
    // unsampled.
    int half = ids.size() / 2;
    List<Long> coldHealth =
        thumbnails("cold, /health sampled", ids.subList(0, half), previews, interval);
    thumbnails("cold", ids.subList(half, ids.size()), previews, -1);
    thumbnails("warm", ids, previews, -1);
    List<Long> all = new ArrayList<>(ingestHealth);
    all.addAll(coldHealth);
    report("health during ingest + previews", all, 0);
  }

  /**
   * Asks for the 128-pixel thumbnail of each file; samples /health meanwhile when {@code interval}
   * >= 0.
   */
  private List<Long> thumbnails(String phase, List<String> ids, int previews, int interval)
      throws Exception {
    Map<String, Integer> sources = new ConcurrentHashMap<>();
    double cpu0 = serverCpu();
    long p0 = System.nanoTime();
    HealthSampler health = interval >= 0 ? new HealthSampler(interval) : null;
    try {
      parallel(
          previews,
          ids.size(),
          i -> {
            HttpResponse<byte[]> r =
                send(
                    "GET",
                    "/api/v1/files/" + ids.get(i) + "/preview?size=128",
                    HttpRequest.BodyPublishers.noBody());
            sources.merge(
                r.headers().firstValue("Sinfonia-Preview-Cache").orElse("?"), 1, Integer::sum);
            r.headers()
                .firstValue("Sinfonia-Preview-Failure")
                .ifPresent(
                    f -> {
                      throw new IllegalStateException("placeholder " + f + " for " + ids.get(i));
                    });
          });
    } finally {
      if (health != null) {
        health.stop();
      }
    }
    double s = seconds(p0);
    double cpu = serverCpu() - cpu0;
    System.out.printf(
        "RESULT thumbnails %s: %d x 128 px in %.1f s = %.1f thumbnails/s wall%s (%s)%n",
        phase,
        ids.size(),
        s,
        ids.size() / s,
        cpu > 0 ? String.format(", %.1f per server CPU-s", ids.size() / cpu) : "",
        sources);
    if (health == null) {
      return List.of();
    }
    List<Long> h = health.stop();
    report("health during thumbnails " + phase, h, health.failures);
    return h;
  }

  private int awaitPreviewJobs() throws Exception {
    while (true) {
      String list = json("GET", "/api/v1/jobs?limit=500", null);
      Matcher m = STATE.matcher(list);
      int all = 0;
      int done = 0;
      while (m.find()) {
        all++;
        done += m.group(1).equals("done") || m.group(1).equals("failed") ? 1 : 0;
      }
      if (done == all) {
        return all;
      }
      Thread.sleep(200);
    }
  }

  private interface Task {
    void run(int index) throws Exception;
  }

  private static void parallel(int threads, int count, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        pending.add(
            pool.submit(
                () -> {
                  task.run(n);
                  return null;
                }));
      }
      for (Future<?> f : pending) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void report(String what, List<Long> nanos, int failures) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.printf("RESULT %s: no samples%n", what);
      return;
    }
    System.out.printf(
        "RESULT %s: %d samples, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n",
        what,
        sorted.size(),
        pct(sorted, 0.50),
        pct(sorted, 0.99),
        sorted.get(sorted.size() - 1) / 1e6,
        failures > 0 ? ", " + failures + " failed" : "");
  }

  private static double pct(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
  }
}
