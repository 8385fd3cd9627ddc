package org.sinfonia.verticles.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures for the repository (not a test): seeds N items into one folder of a running Sinfonia,
 * then pages through the folder (creation order and name order) and searches among the items,
 * printing p50/p99 per request. Usage: {@code RepositoryBench BASE_URL [items] [pageSize]}; run by
 * {@code bench/repository-bench.sh}.
 */
public final class RepositoryBench {

  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private String token;

  private RepositoryBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    new RepositoryBench(base).run(items, pageSize);
  }

  private String send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static String first(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no match in " + body);
    }
    return m.group(1);
  }

  private void run(int items, int pageSize) throws Exception {
    token =
        first(
            TOKEN,
            send(
                "POST",
                "/api/v1/auth/token",
                "{\"username\":\"admin\",\"password\":\"admin-demo\"}"));
    String collection =
        first(
            ID,
            send("POST", "/api/v1/collections", "{\"name\":\"bench-" + System.nanoTime() + "\"}"));
    String folder =
        first(
            ID,
            send(
                "POST",
                "/api/v1/folders",
                "{\"parentType\":\"collection\",\"parentId\":\""
                    + collection
                    + "\",\"name\":\"big\"}"));

    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> pending = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      int n = i;
      pending.add(
          pool.submit(
              () ->
                  send(
                      "POST",
                      "/api/v1/items",
                      "{\"folderId\":\""
                          + folder
                          + "\",\"name\":\"scan "
                          + String.format("%06d", n)
                          + "\",\"description\":\"patient "
                          + (n % 997)
                          + " series "
                          + (n % 13)
                          + "\",\"meta\":{\"site\":\"site-"
                          + (n % 7)
                          + "\"}}")));
    }
    for (Future<?> f : pending) {
      f.get();
    }
    pool.shutdown();
    double seedSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "RESULT seed items=%d seconds=%.1f items/s=%.0f%n",
        items, seedSeconds, items / seedSeconds);

    report(
        "list sort=created (every page)",
        pages(folder, items, pageSize, "created", items / pageSize));
    report("list sort=name (20 pages)", pages(folder, items, pageSize, "name", 20));
    List<Long> search = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long s = System.nanoTime();
      send("GET", "/api/v1/search?q=patient%20" + (i * 19 % 997) + "&types=item&limit=20", null);
      search.add(System.nanoTime() - s);
    }
    report("search q=word prefix (50 queries)", search);
    List<Long> meta = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long s = System.nanoTime();
      send("GET", "/api/v1/search?meta.site=site-" + (i % 7) + "&types=item&limit=20", null);
      meta.add(System.nanoTime() - s);
    }
    report("search meta.site= (20 queries)", meta);
  }

  private List<Long> pages(String folder, int items, int pageSize, String sort, int count)
      throws Exception {
    List<Long> times = new ArrayList<>();
    int totalPages = Math.max(1, items / pageSize);
    for (int i = 0; i < count; i++) {
      int page = count >= totalPages ? i : (int) ((long) i * totalPages / count);
      long s = System.nanoTime();
      send(
          "GET",
          "/api/v1/items?folderId="
              + folder
              + "&limit="
              + pageSize
              + "&offset="
              + (page * pageSize)
              + "&sort="
              + sort,
          null);
      times.add(System.nanoTime() - s);
    }
    return times;
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    double p50 = sorted.get(sorted.size() / 2) / 1e6;
    double p99 =
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
    System.out.printf("RESULT %s: n=%d p50=%.1fms p99=%.1fms%n", what, sorted.size(), p50, p99);
  }
}
