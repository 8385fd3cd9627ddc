package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * tus-js-client 4.3.1 in Node (src/test/node): a single upload, a resume after an abort, and a
 * parallel upload (concatenation). Its node_modules are installed with {@code npm ci} into target/
 * on first use, from the committed lock file, so a fresh checkout needs only Node and the npm
 * registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusJsClientTest {

  private static final Path SOURCES = Path.of("src/test/node");
  private static final Path WORK = Path.of("target/tus-node");
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "tus-client-test.mjs");

  private TusFixture f;

  @BeforeAll
  void start() throws Exception {
    installClient();
    f = new TusFixture(Map.of("SINFONIA_TUS_LOCK_WAIT", "3s", "SINFONIA_TUS_LEASE", "2s"));
  }

  @AfterAll
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void singleResumedAndParallelUploads() throws Exception {
    JsonObject result = runClient();
    for (String scenario : List.of("single", "resumed", "parallel")) {
      JsonObject s = result.getJsonObject(scenario);
      String fileId = s.getString("fileId");
      assertTrue(fileId != null && !fileId.isEmpty(), scenario + ": the server named the file");
      assertEquals(
          s.getString("sha256"),
          TusFixture.sha256(f.download(fileId)),
          scenario + ": byte-identical");
    }
    JsonObject resumed = result.getJsonObject("resumed");
    assertTrue(resumed.getBoolean("sameUrl"), "the second client continued the first one's upload");
    assertTrue(
        resumed.getLong("resumedAt") > 0, "and started from the server's offset, not from 0");
  }

  private JsonObject runClient() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("node", WORK.resolve("tus-client-test.mjs").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("SINFONIA_UPLOADS", f.node.url(TusFixture.UPLOADS));
    pb.environment().put("SINFONIA_TOKEN", f.api.token("alice"));
    pb.environment().put("SINFONIA_FOLDER", f.sharedFolder);
    Process node = pb.start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(120, TimeUnit.SECONDS), "the node client finishes");
    assertEquals(0, node.exitValue(), "node client failed: " + out);
    String[] lines = out.strip().split("\n");
    return new JsonObject(lines[lines.length - 1]);
  }

  /** Copies the client into target/ and installs its pinned dependencies there once. */
  private static void installClient() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String file : FILES) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.isDirectory(WORK.resolve("node_modules/tus-js-client"))) {
      return;
    }
    Process npm =
        new ProcessBuilder("npm", "ci", "--prefix", WORK.toString(), "--no-audit", "--no-fund")
            .redirectErrorStream(true)
            .start();
    String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm ci finishes");
    assertEquals(0, npm.exitValue(), "npm ci failed:\n" + out);
  }
}
