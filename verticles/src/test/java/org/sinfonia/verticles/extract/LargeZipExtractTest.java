package org.sinfonia.verticles.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.zip.ZipStreamWriter;
import org.sinfonia.verticles.testing.ServerProcess;

/**
 * A 5 GiB ZIP64 archive (one entry over 4 GiB, entries past the 4 GiB offset) uploaded to, and
 * extracted by, a server running as its own process with a 256 MB heap. The archive is generated
 * streamed (never held in memory). Needs ~16 GB of temp space and several minutes: {@code mvn
 * -Pslow -pl verticles -am test -Dtest=LargeZipExtractTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "sinfonia.slow", matches = "true")
class LargeZipExtractTest {

  private static final long LARGE = (4L << 30) + (384L << 20); // 4.375 GiB: ZIP64 sizes
  private static final int MEDIUM = 64 << 20;
  private static final int MEDIUMS = 10; // after the large one: ZIP64 offsets

  @TempDir Path dir;

  /** Deterministic, incompressible bytes generated on the fly; every MiB differs. */
  static final class Generated extends InputStream {
    private final byte[] block = new byte[1 << 20];
    private final long size;
    private final MessageDigest digest;
    private long position;

    Generated(long size, long seed) throws Exception {
      this.size = size;
      this.digest = MessageDigest.getInstance("SHA-256");
      new Random(seed).nextBytes(block);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int at = (int) (position % block.length);
      int n = (int) Math.min(Math.min(len, block.length - at), size - position);
      System.arraycopy(block, at, b, off, n);
      // The first two bytes of every MiB carry its number, whatever the sizes of the reads.
      long mib = position >>> 20;
      if (at == 0) {
        b[off] ^= (byte) mib;
      }
      if (at <= 1 && at + n > 1) {
        b[off + 1 - at] ^= (byte) (mib >>> 8);
      }
      digest.update(b, off, n);
      position += n;
      return n;
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  @Test
  void fiveGibibytesExtractWithA256MegabyteHeap() throws Exception {
    Path zip = dir.resolve("large.zip");
    Map<String, String> expected = new TreeMap<>();
    long start = System.nanoTime();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16)) {
      ZipStreamWriter writer = new ZipStreamWriter(out);
      writer.addDirectory("volumes");
      Generated large = new Generated(LARGE, 1);
      writer.addFile("volumes/large.raw", LARGE, null, large);
      expected.put("volumes/large.raw", large.sha256());
      for (int i = 0; i < MEDIUMS; i++) {
        Generated medium = new Generated(MEDIUM, 100 + i);
        writer.addFile("series/part" + i + ".raw", MEDIUM, null, medium);
        expected.put("series/part" + i + ".raw", medium.sha256());
      }
      writer.finish();
    }
    long generated = System.nanoTime() - start;
    long archiveBytes = Files.size(zip);
    long contentBytes = LARGE + (long) MEDIUM * MEDIUMS;
    assertTrue(archiveBytes >= 5L << 30, "a 5 GiB archive, was " + archiveBytes);
    String listing = ExtractSupport.run(dir, java.util.List.of("unzip", "-tq", zip.toString()));
    assertTrue(listing.contains("No errors detected"), listing);

    Path data = Files.createDirectories(dir.resolve("data"));
    try (ServerProcess server = ServerProcess.start(data, "256m", Map.of())) {
      String home = server.getObject("alice", "/users/me").getString("homeFolderId");
      String target =
          server
              .post(
                  "alice",
                  "/folders",
                  new JsonObject()
                      .put("parentType", "folder")
                      .put("parentId", home)
                      .put("name", "large"),
                  201)
              .getString("id");
      start = System.nanoTime();
      String zipId = server.upload("alice", home, "large.zip", zip, null, 201).getString("id");
      long uploaded = System.nanoTime() - start;
      start = System.nanoTime();
      String jobId =
          server
              .post(
                  "alice",
                  "/files/" + zipId + "/extract",
                  new JsonObject().put("folderId", target),
                  202)
              .getString("jobId");
      JsonObject job = server.awaitJob("alice", jobId, Duration.ofMinutes(60));
      long extracted = System.nanoTime() - start;
      assertEquals("done", job.getString("state"), job.encodePrettily() + "\n" + server.output());
      JsonObject result = job.getJsonObject("result");
      assertEquals(MEDIUMS + 1, result.getLong("stored"), result.encode());
      assertEquals(contentBytes, result.getLong("bytesDone"));

      Map<String, String> found = new TreeMap<>();
      for (String folder : java.util.List.of("volumes", "series")) {
        String id =
            server.getArray("alice", "/folders?parentType=folder&parentId=" + target).stream()
                .map(o -> (JsonObject) o)
                .filter(f -> f.getString("name").equals(folder))
                .findFirst()
                .orElseThrow()
                .getString("id");
        for (Object o : server.getArray("alice", "/items?folderId=" + id + "&limit=100")) {
          JsonObject item = (JsonObject) o;
          JsonObject file =
              server
                  .getArray("alice", "/items/" + item.getString("id") + "/files")
                  .getJsonObject(0);
          found.put(folder + "/" + item.getString("name"), file.getString("sha256"));
        }
      }
      assertEquals(expected, found, "every byte, by SHA-256");
      String report =
          String.format(
              "5 GiB ZIP64 archive: %,d bytes (%,d of content, %d entries); generated in %.1f s; "
                  + "uploaded in %.1f s (%.0f MiB/s); extracted by the job in %.1f s (%.0f MiB/s of content); "
                  + "server -Xmx256m, peak RSS %,d KiB%n",
              archiveBytes,
              contentBytes,
              MEDIUMS + 2,
              generated / 1e9,
              uploaded / 1e9,
              archiveBytes / 1048576.0 / (uploaded / 1e9),
              extracted / 1e9,
              contentBytes / 1048576.0 / (extracted / 1e9),
              server.peakRssKib());
      System.out.print(report);
      Files.writeString(Path.of("target", "large-zip-extract.txt"), report);
    }
  }
}
