package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's Info-ZIP {@code zip} and {@code unzip}, the independent referees. */
final class Tools {

  private Tools() {}

  /** Runs a command in {@code dir}, fails the test on a non-zero exit, returns its output. */
  static String run(Path dir, String... command) throws IOException, InterruptedException {
    return run(dir, 0, command);
  }

  static String run(Path dir, int expectedExit, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(expectedExit, p.exitValue(), () -> cmd + " said:\n" + text);
    return text;
  }
}
