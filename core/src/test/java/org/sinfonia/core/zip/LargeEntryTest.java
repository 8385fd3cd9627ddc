package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/**
 * A 5 GiB entry: ZIP64 sizes in the local header and data descriptor, written by the streamed
 * writer, tested by unzip, read back by both modes. Needs ~5 GiB of temp space and a minute: {@code
 * mvn -Pslow -pl core test}.
 */
@EnabledIfSystemProperty(named = "sinfonia.slow", matches = "true")
class LargeEntryTest {

  private static final long SIZE = 5L << 30;

  @TempDir Path dir;

  /**
   * 5 GiB of deterministic, incompressible bytes, generated on the fly (nothing of it is ever held
   * whole).
   */
  static final class Generated extends InputStream {
    private final byte[] block = new byte[1 << 20];
    private final long size;
    private long position;

    Generated(long size) {
      this.size = size;
      new Random(42).nextBytes(block);
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
      b[off] ^= (byte) (position >>> 20); // every MiB differs a little
      position += n;
      return n;
    }
  }

  @Test
  void fiveGibibyteEntryWritesAndReadsBack() throws Exception {
    long expectedCrc = crc(new Generated(SIZE));
    Path zip = dir.resolve("large.zip");
    long start = System.nanoTime();
    try (OutputStream out =
        new Bombs.NonSeekable(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
      ZipStreamWriter writer = new ZipStreamWriter(out);
      writer.addFile("small-before.txt", 1, null, new ByteArrayInputStream(new byte[] {'a'}));
      writer.addFile("large.raw", SIZE, null, new Generated(SIZE));
      writer.addFile("small-after.txt", 1, null, new ByteArrayInputStream(new byte[] {'z'}));
      writer.finish();
    }
    System.out.printf("wrote 5 GiB in %d ms%n", (System.nanoTime() - start) / 1_000_000);

    String test = Tools.run(dir, "unzip", "-tq", zip.toString());
    assertTrue(test.contains("No errors detected"), test);

    ZipLimits limits = ZipLimits.defaults();
    for (Mode mode : Mode.values()) {
      long[] crcOfLarge = new long[1];
      EntrySink sink =
          new EntrySink() {
            @Override
            public void directory(List<String> path) {}

            @Override
            public void file(
                List<String> path, InputStream content, long declaredSize, Instant modified)
                throws IOException {
              long value = crc(content);
              if (path.equals(List.of("large.raw"))) {
                crcOfLarge[0] = value;
              }
            }

            @Override
            public void skipped(String rawName, ZipEntryProblem problem) {
              throw new AssertionError(rawName + ": " + problem);
            }
          };
      start = System.nanoTime();
      ExtractionResult result = mode.extract(new ZipExtractor(limits), zip, sink);
      System.out.printf("%s read 5 GiB in %d ms%n", mode, (System.nanoTime() - start) / 1_000_000);
      assertEquals(Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.refusal()));
      assertEquals(SIZE + 2, result.bytesDone());
      assertEquals(expectedCrc, crcOfLarge[0]);
    }
    assertEquals(SIZE + 2, new ZipListing(limits).list(zip).size());
  }

  private static long crc(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      crc.update(buffer, 0, n);
    }
    return crc.getValue();
  }
}
