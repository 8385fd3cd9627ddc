package org.sinfonia.verticles.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The node scripts of {@code src/test/node-dicomweb} (OHIF's dicomweb-client, pinned by
 * package-lock.json), installed with {@code npm ci} into {@code target/node-dicomweb} the first
 * time, and run as child processes.
 */
final class NodeClient {

  private static final Path SOURCE = Path.of("src/test/node-dicomweb");
  private static final Path HOME = Path.of("target/node-dicomweb");

  private NodeClient() {}

  /**
   * Installs the packages when absent or when the lock file changed; skips the test when node is
   * missing.
   */
  static synchronized Path install() throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        onPath("node") && onPath("npm"), "node/npm not installed: OHIF client test skipped");
    Files.createDirectories(HOME);
    boolean changed = false;
    for (String f : List.of("package.json", "package-lock.json", "ohif-client.js")) {
      Path src = SOURCE.resolve(f);
      Path dst = HOME.resolve(f);
      if (!Files.exists(dst) || Files.mismatch(src, dst) >= 0) {
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        changed |= !f.endsWith(".js");
      }
    }
    if (changed || !Files.isDirectory(HOME.resolve("node_modules/dicomweb-client"))) {
      Result r = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
      if (r.code() != 0) {
        throw new IllegalStateException("npm ci failed: " + r.stderr() + r.stdout());
      }
    }
    return HOME;
  }

  record Result(int code, String stdout, String stderr) {}

  static Result node(String script, List<String> args, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    return run(command, env, seconds);
  }

  private static Result run(List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("node-out", ".txt");
    Path err = Files.createTempFile("node-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in " + seconds + " s");
    }
    Result r =
        new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }

  static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
