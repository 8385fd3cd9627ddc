package org.sinfonia.verticles.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.ServerProcess;

/**
 * {@code kill -9} of a server in the middle of an extraction: restarted on the same data directory,
 * the job runs again from its checkpoint (once its lease has run out) and finishes with every entry
 * there exactly once.
 */
class ExtractCrashTest {

  private static final int FILES = 300;

  @TempDir Path dir;

  @Test
  void aJobKilledMidwayResumesOnRestartWithoutDuplicates() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path profile = dir.resolve("crash.yaml");
    // A short lease, so the restarted node takes the dead node's job over within seconds.
    Files.writeString(profile, "workers:\n  jobLease: 10s\n  jobRequeueEvery: 1s\n");
    Map<String, String> env = Map.of("SINFONIA_PROFILE", profile.toString());

    Path tree = Files.createDirectories(dir.resolve("tree"));
    Map<String, String> expected = new TreeMap<>();
    Random random = new Random(9);
    for (int i = 0; i < FILES; i++) {
      byte[] b = new byte[32 * 1024 + random.nextInt(64 * 1024)];
      random.nextBytes(b);
      String name = String.format("series %d/img%04d.bin", i % 4, i);
      Files.createDirectories(tree.resolve(name).getParent());
      Files.write(tree.resolve(name), b);
      expected.put(name, ExtractSupport.sha256(b));
    }
    Path zip = dir.resolve("crash.zip");
    ExtractSupport.run(tree, List.of("zip", "-q", "-0", "-r", zip.toString(), "."));

    String jobId;
    String target;
    long killedAt;
    try (ServerProcess first = ServerProcess.start(data, "256m", env)) {
      String home = first.getObject("alice", "/users/me").getString("homeFolderId");
      target =
          first
              .post(
                  "alice",
                  "/folders",
                  new JsonObject()
                      .put("parentType", "folder")
                      .put("parentId", home)
                      .put("name", "crash target"),
                  201)
              .getString("id");
      String zipId = first.upload("alice", home, "crash.zip", zip, null, 201).getString("id");
      jobId =
          first
              .post(
                  "alice",
                  "/files/" + zipId + "/extract",
                  new JsonObject().put("folderId", target).put("onConflict", "rename"),
                  202)
              .getString("jobId");
      Instant deadline = Instant.now().plusSeconds(120);
      long done = 0;
      while (done < FILES / 5) {
        assertTrue(
            Instant.now().isBefore(deadline), "the job did not get going:\n" + first.output());
        JsonObject job = first.getObject("alice", "/jobs/" + jobId);
        assertTrue(List.of("queued", "running").contains(job.getString("state")), job.encode());
        done = job.getJsonObject("progress").getLong("entriesDone", 0L);
        Thread.sleep(50);
      }
      first.kill();
      killedAt = done;
    }

    try (ServerProcess second = ServerProcess.start(data, "256m", env)) {
      JsonObject job = second.awaitJob("alice", jobId, Duration.ofMinutes(4));
      assertEquals("done", job.getString("state"), job.encodePrettily() + "\n" + second.output());
      assertEquals(2, job.getInteger("attempts"), "one attempt killed, one resumed");
      Matcher resumed = Pattern.compile("resumes after entry (\\d+)").matcher(second.output());
      assertTrue(resumed.find(), second.output());
      assertTrue(
          Long.parseLong(resumed.group(1)) > 0, "it resumed from a checkpoint, not from the start");
      JsonObject result = job.getJsonObject("result");
      System.out.printf(
          "killed at %d entries done; resumed after entry %s; result %s%n",
          killedAt, resumed.group(1), result.encode());
      assertEquals(FILES, result.getLong("stored") + result.getLong("unchanged"), result.encode());
      assertEquals(0, result.getLong("renamed") + result.getLong("problems"), result.encode());
      assertEquals(expected, files(second, target, ""), "every entry exactly once, whole");
    }
  }

  /**
   * The files below a folder (path -> SHA-256); an empty item or a second file would show up as a
   * path of its own.
   */
  private static Map<String, String> files(ServerProcess server, String folderId, String prefix)
      throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Object o :
        server.getArray(
            "alice", "/folders?parentType=folder&parentId=" + folderId + "&limit=1000")) {
      JsonObject f = (JsonObject) o;
      out.putAll(files(server, f.getString("id"), prefix + f.getString("name") + "/"));
    }
    JsonArray items = server.getArray("alice", "/items?folderId=" + folderId + "&limit=1000");
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      JsonArray fs = server.getArray("alice", "/items/" + item.getString("id") + "/files");
      if (fs.size() != 1) {
        out.put(prefix + item.getString("name") + " [" + fs.size() + " files]", "");
      }
      for (Object f : fs) {
        out.put(prefix + item.getString("name"), ((JsonObject) f).getString("sha256"));
      }
    }
    return out;
  }
}
