package org.sinfonia.core.dicom.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomTestCorpus;
import org.sinfonia.core.dicom.DumpBuilder;
import org.sinfonia.core.dicom.HostileInputMutator;

/**
 * The rewriter's bounds: a 64 MB native image streamed through in 4 KiB chunks with a retained
 * high-water mark far below the file size and the pixel bytes unchanged; the hostile corpus ends in
 * a DicomParseException or a result, never anything else.
 */
class RewriterLimitsTest {

  @TempDir Path dir;

  @Test
  void largePixelDataStreamsWithBoundedMemory() throws Exception {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed");
    int rows = 4096;
    int columns = 8192; // 16-bit: 64 MiB
    Path raw = dir.resolve("big.raw");
    byte[] block = new byte[1 << 20];
    Random random = new Random(11);
    try (OutputStream out = Files.newOutputStream(raw)) {
      for (long left = (long) rows * columns * 2; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0002,0002)", "UI", "1.2.840.10008.5.1.4.1.1.7")
            .text("(0002,0003)", "UI", "1.2.3.4.5")
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.7")
            .text("(0008,0018)", "UI", "1.2.3.4.5")
            .text("(0010,0010)", "PN", "Big^File")
            .raw("(0028,0002)", "US", "1")
            .text("(0028,0004)", "CS", "MONOCHROME2")
            .raw("(0028,0010)", "US", "" + rows)
            .raw("(0028,0011)", "US", "" + columns)
            .raw("(0028,0100)", "US", "16")
            .raw("(0028,0101)", "US", "16")
            .raw("(0028,0102)", "US", "15")
            .raw("(0028,0103)", "US", "0")
            .raw("(7fe0,0010)", "OW", "=" + raw);
    Path input = WriterFixtures.dump2dcm(dir, "big", dump);
    Path output = dir.resolve("big.out.dcm");
    DicomStreamRewriter rewriter;
    try (InputStream in = Files.newInputStream(input);
        OutputStream out = Files.newOutputStream(output)) {
      rewriter =
          new DicomStreamRewriter(
              out,
              (path, header, value) ->
                  path.matches(0x00100010) ? Edit.replaceString("Anon") : Edit.KEEP);
      byte[] chunk = new byte[4096];
      for (int n; (n = in.read(chunk)) > 0; ) {
        rewriter.feed(chunk, 0, n);
      }
      rewriter.end();
    }
    long size = Files.size(input);
    assertTrue(size > 64L * 1024 * 1024);
    long bound = DicomParserOptions.DEFAULT_BULK_DATA_THRESHOLD + 16 * 1024;
    assertTrue(
        rewriter.retainedBytesHighWater() <= bound,
        rewriter.retainedBytesHighWater() + " bytes retained for a file of " + size);
    assertEquals(sha(raw), pixelHash(output), "pixel data byte for byte");
    assertTrue(
        WriterFixtures.normalizedDump(dir, output).stream()
            .anyMatch(l -> l.contains("(0010,0010) PN [Anon]")));
  }

  /** SHA-256 of the one bulk value of the file, located by our parser. */
  private static String pixelHash(Path file) throws Exception {
    long[] range = new long[2];
    org.sinfonia.core.dicom.DicomStreamParser parser =
        new org.sinfonia.core.dicom.DicomStreamParser(
            new org.sinfonia.core.dicom.DicomStreamListener() {
              @Override
              public void bulkDataSkipped(
                  org.sinfonia.core.dicom.ElementHeader header, long offset, long length) {
                range[0] = offset;
                range[1] = length;
              }
            });
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      for (int n; (n = in.read(chunk)) > 0; ) {
        parser.feed(chunk, 0, n);
      }
      parser.end();
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(range[0]);
      byte[] chunk = new byte[1 << 16];
      for (long left = range[1]; left > 0; ) {
        int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
        digest.update(chunk, 0, n);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      for (int n; (n = in.read(chunk)) > 0; ) {
        digest.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void hostileInputEndsInADicomParseException() throws Exception {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed");
    List<byte[]> seeds = new ArrayList<>();
    for (DicomTestCorpus.Entry entry : DicomTestCorpus.shared()) {
      byte[] bytes = Files.readAllBytes(entry.file());
      if (bytes.length <= 64 * 1024) {
        seeds.add(bytes);
      }
    }
    int cases = Integer.getInteger("sinfonia.fuzz.cases", 1_000);
    int refused = 0;
    int rewritten = 0;
    for (long seed = 0; seed < cases; seed++) {
      Random random = new Random(seed);
      byte[] input = HostileInputMutator.mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        WriterFixtures.rewrite(input, DicomEditor.identity(), 0, seed);
        rewritten++;
      } catch (DicomParseException expected) {
        if (expected.getCause() != null || expected.reason().startsWith("internal error")) {
          fail("seed " + seed + ": internal error " + expected, expected);
        }
        refused++;
      } catch (Throwable unexpected) {
        fail("seed " + seed + ": " + unexpected, unexpected);
      }
    }
    assertTrue(refused > 0 && rewritten > 0, refused + " refused, " + rewritten + " rewritten");
  }
}
