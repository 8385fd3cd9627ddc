package org.sinfonia.verticles.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * What the extraction tests share: waiting for jobs, reading a folder tree through the API, local
 * trees and tools.
 */
final class ExtractSupport {

  private ExtractSupport() {}

  /** Polls a job as a client does until it has ended. */
  static JsonObject awaitJob(TestNode node, Api api, String user, String jobId, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      JsonObject job = api.expect(200, api.get(user, "/jobs/" + jobId));
      String state = job.getString("state");
      if (!state.equals("queued") && !state.equals("running")) {
        return job;
      }
      Await.result(node.vertx.timer(50));
    }
    throw new AssertionError("job " + jobId + " did not end within " + within);
  }

  static String folder(Api api, String user, String parent, String name) {
    return api.id(
        201,
        api.post(
            user,
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", parent)
                .put("name", name)));
  }

  static String extract(Api api, String user, String fileId, String folderId, String onConflict) {
    JsonObject body = new JsonObject().put("folderId", folderId);
    if (onConflict != null) {
      body.put("onConflict", onConflict);
    }
    return api.expect(202, api.post(user, "/files/" + fileId + "/extract", body))
        .getString("jobId");
  }

  /**
   * A folder's whole subtree as the API shows it: {@code path/} for folders, {@code path} ->
   * SHA-256 for files (an item with one file of its own name is that file; other items list as
   * {@code item/file}).
   */
  static TreeMap<String, String> walk(Api api, String user, String folderId) {
    TreeMap<String, String> out = new TreeMap<>();
    walk(api, user, folderId, "", out);
    return out;
  }

  private static void walk(
      Api api, String user, String folderId, String prefix, Map<String, String> out) {
    for (Object o : all(api, user, "/folders?parentType=folder&parentId=" + folderId)) {
      JsonObject f = (JsonObject) o;
      out.put(prefix + f.getString("name") + "/", "");
      walk(api, user, f.getString("id"), prefix + f.getString("name") + "/", out);
    }
    for (Object o : all(api, user, "/items?folderId=" + folderId)) {
      JsonObject item = (JsonObject) o;
      JsonArray files = api.expectList(api.get(user, "/items/" + item.getString("id") + "/files"));
      if (files.isEmpty()) {
        out.put(prefix + item.getString("name") + " (empty item)", "");
      }
      for (Object fo : files) {
        JsonObject file = (JsonObject) fo;
        String path =
            files.size() == 1 && file.getString("name").equals(item.getString("name"))
                ? prefix + item.getString("name")
                : prefix + item.getString("name") + "/" + file.getString("name");
        out.put(path, file.getString("sha256"));
      }
    }
  }

  private static JsonArray all(Api api, String user, String path) {
    JsonArray out = new JsonArray();
    for (int offset = 0; ; offset += 1000) {
      JsonArray page = api.expectList(api.get(user, path + "&limit=1000&offset=" + offset));
      out.addAll(page);
      if (page.size() < 1000) {
        return out;
      }
    }
  }

  /** A local tree as {@code path/} for directories and {@code path} -> SHA-256 for files. */
  static TreeMap<String, String> local(Path root) throws IOException {
    TreeMap<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isDirectory(p)) {
          out.put(rel + "/", "");
        } else {
          out.put(rel, sha256(p));
        }
      }
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a tool in {@code dir}, insisting on success; returns its output. */
  static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), command + " timed out");
    assertEquals(0, p.exitValue(), command + ": " + out);
    return out;
  }

  /**
   * Every file in the blob store is named by a SHA-256: nothing an archive named was ever written
   * to disk.
   */
  static void onlyContentAddressedBlobs(Path dataDir) throws IOException {
    Path blobs = dataDir.resolve("store/blobs");
    if (!Files.exists(blobs)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(blobs)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        assertTrue(
            p.getFileName().toString().matches("[0-9a-f]{64}"),
            "unexpected file in the blob store: " + p);
      }
    }
  }
}
