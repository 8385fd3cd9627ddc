package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/** The repository driven by curl from a shell script (src/test/scripts/curl-roundtrip.sh). */
@ExtendWith(NoBlockedThreads.class)
class CurlScriptTest {

  @TempDir Path work;

  @Test
  void uploadRangeAndFolderZipThroughCurl() throws Exception {
    try (TestNode node = TestNode.start()) {
      Process p =
          new ProcessBuilder(
                  "bash", "src/test/scripts/curl-roundtrip.sh", node.url(""), work.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
      assertEquals(0, p.exitValue(), output);
      assertTrue(output.contains("curl round trip: ok"), output);
    }
  }
}
