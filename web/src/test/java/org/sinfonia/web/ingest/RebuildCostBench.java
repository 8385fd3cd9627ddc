package org.sinfonia.web.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.sinfonia.core.blob.BlobSource;

/**
 * What losing a node's running ingest state costs: the time to rebuild it by re-reading an upload's
 * recorded prefix (SHA-256 and taps), warm (page cache) and cold (after {@code echo 3 >
 * /proc/sys/vm/drop_caches}, when run as root). {@code java -cp ...
 * org.sinfonia.web.ingest.RebuildCostBench SIZE_MIB DIR}
 */
public final class RebuildCostBench {

  private RebuildCostBench() {}

  public static void main(String[] args) throws Exception {
    int mib = Integer.parseInt(args[0]);
    Path file = Files.createTempFile(Path.of(args[1]), "rebuild-", ".upload");
    try {
      write(file, mib);
      for (String cache : List.of("cold", "warm", "warm")) {
        if (cache.equals("cold") && !dropCaches()) {
          continue;
        }
        long started = System.nanoTime();
        RunningIngest.replay(
                BlobSource.of(file), (long) mib << 20, RunningIngest.hashing(List.of()))
            .finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
            "RESULT rebuild %d MiB (%s cache): %.2f s = %.0f MiB/s%n",
            mib, cache, seconds, mib / seconds);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void write(Path file, int mib) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(1);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mib; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
  }

  private static boolean dropCaches() throws Exception {
    Process sync = new ProcessBuilder("sync").start();
    sync.waitFor();
    try {
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
