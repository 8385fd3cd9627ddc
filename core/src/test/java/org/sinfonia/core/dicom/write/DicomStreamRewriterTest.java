package org.sinfonia.core.dicom.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.Vr;

/**
 * The rewriter against dcmtk: identity rewrites of defined- and undefined-length files, native and
 * encapsulated pixel data, edits of nested and top-level attributes, chunking independence.
 */
class DicomStreamRewriterTest {

  @TempDir Path dir;

  @BeforeAll
  static void dcmtkInstalled() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
  }

  private List<Path> inputs() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(WriterFixtures.dump2dcm(dir, "defined", WriterFixtures.nestedDump(dir)));
    files.add(WriterFixtures.dump2dcm(dir, "undefined", WriterFixtures.nestedDump(dir), "-e"));
    files.add(WriterFixtures.dump2dcm(dir, "grouplengths", WriterFixtures.nestedDump(dir), "+g"));
    files.add(WriterFixtures.dump2dcm(dir, "implicit", WriterFixtures.nestedDump(dir), "+ti"));
    files.add(WriterFixtures.dump2dcm(dir, "bigendian", WriterFixtures.nestedDump(dir), "+tb"));
    files.add(WriterFixtures.jpegFile(dir));
    return files;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void identityRewriteReadsTheSameInDcmdumpAndKeepsBulkBytes() throws Exception {
    for (Path input : inputs()) {
      byte[] original = Files.readAllBytes(input);
      byte[] rewritten = WriterFixtures.rewrite(original, DicomEditor.identity(), 64 * 1024, 0);
      Path output = write(input.getFileName() + ".out.dcm", rewritten);
      assertEquals(
          WriterFixtures.normalizedDump(dir, input),
          WriterFixtures.normalizedDump(dir, output),
          input.getFileName().toString());
      assertEquals(
          WriterFixtures.bulkHashes(original),
          WriterFixtures.bulkHashes(rewritten),
          "bulk values of " + input.getFileName());
      assertTrue(!WriterFixtures.bulkHashes(original).isEmpty());
      WriterFixtures.Run conv =
          WriterFixtures.run(
              dir, List.of("dcmconv", output.toString(), dir.resolve("conv.dcm").toString()));
      assertEquals(0, conv.exit(), conv.err());
      assertEquals("", conv.err(), "dcmconv warnings");
    }
  }

  @Test
  void oneByteAndRandomChunksGiveTheSameOutput() throws Exception {
    for (Path input : inputs()) {
      byte[] original = Files.readAllBytes(input);
      byte[] whole = WriterFixtures.rewrite(original, editor(), original.length, 0);
      assertArrayEquals(whole, WriterFixtures.rewrite(original, editor(), 1, 0), "1-byte chunks");
      for (long seed = 1; seed <= 5; seed++) {
        assertArrayEquals(
            whole, WriterFixtures.rewrite(original, editor(), 0, seed), "random chunks " + seed);
      }
    }
  }

  /** Removes a nested attribute, lengthens PatientName, replaces a nested UID, adds two. */
  private static DicomEditor editor() {
    return new DicomEditor() {
      @Override
      public Edit edit(DicomPath path, org.sinfonia.core.dicom.ElementHeader header, byte[] value) {
        if (path.matches(0x00081115, 0x0008114A, 0x00081150)) {
          return Edit.REMOVE;
        }
        if (path.matches(0x00100010)) {
          return Edit.replaceString("Anonymous^Patient^X");
        }
        if (path.matches(0x00081115, 0x00081155) && path.itemIndex(0) == 1) {
          return Edit.replaceString("2.25.12345");
        }
        return Edit.KEEP;
      }

      @Override
      public List<Addition> additions(DicomPath item) {
        if (item.equals(DicomPath.ROOT)) {
          return List.of(
              Addition.string(0x00120062, Vr.CS, "YES"),
              Addition.string(0x00100020, Vr.LO, "ANON-7"));
        }
        if (item.toString().equals("(0008,1115)[0]")) {
          return List.of(Addition.string(0x00081160, Vr.IS, "3"));
        }
        return List.of();
      }
    };
  }

  @Test
  void editsShowExactlyInDcmdump() throws Exception {
    Path input = WriterFixtures.dump2dcm(dir, "edit", WriterFixtures.nestedDump(dir));
    byte[] original = Files.readAllBytes(input);
    Path output = write("edited.dcm", WriterFixtures.rewrite(original, editor(), 997, 0));
    List<String> before = WriterFixtures.normalizedDump(dir, input);
    List<String> after = WriterFixtures.normalizedDump(dir, output);
    List<String> removed = new ArrayList<>(before);
    removed.removeAll(after);
    List<String> added = new ArrayList<>(after);
    added.removeAll(before);
    assertEquals(
        List.of(
            "(0008,1150) UI =MRImageStorage",
            "(0008,1155) UI [1.2.3.99.3]",
            "(0010,0010) PN [Doe^Jon ]",
            "(0010,0020) LO [ABC ]"),
        removed.stream().map(String::strip).toList());
    assertEquals(
        List.of(
            "(0008,1160) IS [3 ]",
            "(0008,1155) UI [2.25.12345]",
            "(0010,0010) PN [Anonymous^Patient^X ]",
            "(0010,0020) LO [ANON-7]",
            "(0012,0062) CS [YES ]"),
        added.stream().map(String::strip).toList());
    assertEquals(
        WriterFixtures.bulkHashes(original),
        WriterFixtures.bulkHashes(Files.readAllBytes(output)),
        "pixel data untouched");
  }

  /** Explicit VR little endian element bytes, with whatever (odd) length the value has. */
  private static void rawElement(
      java.io.ByteArrayOutputStream out, int tag, String vr, byte[] value) {
    int[] header = {tag >>> 16, tag & 0xFFFF};
    for (int part : header) {
      out.write(part);
      out.write(part >>> 8);
    }
    out.write(vr.charAt(0));
    out.write(vr.charAt(1));
    if (Vr.ofCode(vr).hasLongLength()) {
      out.write(0);
      out.write(0);
      for (int i = 0; i < 4; i++) {
        out.write(value.length >>> 8 * i);
      }
    } else {
      out.write(value.length);
      out.write(value.length >>> 8);
    }
    out.write(value, 0, value.length);
  }

  @Test
  void oddLengthValuesAndBulkAreWrittenPaddedToEvenLength() throws Exception {
    java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
    DicomPart10Writer head =
        new DicomPart10Writer(input)
            .writeFileMeta(
                FileMeta.of(
                    "1.2.840.10008.5.1.4.1.1.7",
                    "2.25.9",
                    org.sinfonia.core.dicom.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN_UID));
    head.string(0x00080016, Vr.UI, "1.2.840.10008.5.1.4.1.1.7").string(0x00080018, Vr.UI, "2.25.9");
    head.finish();
    byte[] privateBulk = new byte[3001];
    byte[] pixels = new byte[2001];
    new java.util.Random(5).nextBytes(privateBulk);
    new java.util.Random(6).nextBytes(pixels);
    rawElement(input, 0x00100010, "PN", "Doe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    rawElement(
        input, 0x00290010, "LO", "PRIVA".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    rawElement(input, 0x00291001, "OB", privateBulk);
    rawElement(input, 0x7FE00010, "OB", pixels);
    byte[] original = input.toByteArray();

    DicomParserOptions small = DicomParserOptions.defaults().withBulkDataThreshold(1024);
    for (int chunk : new int[] {1, 7, 4096, original.length}) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      DicomStreamRewriter rewriter = new DicomStreamRewriter(out, DicomEditor.identity(), small);
      for (int at = 0; at < original.length; at += chunk) {
        rewriter.feed(original, at, Math.min(chunk, original.length - at));
      }
      rewriter.end();
      assertTrue(rewriter.retainedBytesHighWater() < 1024 + 16 * 1024);
      Path output = write("odd.out.dcm", out.toByteArray());
      List<String> dump = WriterFixtures.normalizedDump(dir, output);
      assertTrue(dump.stream().anyMatch(l -> l.strip().equals("(0010,0010) PN [Doe ]")), "" + dump);
      assertTrue(dump.stream().anyMatch(l -> l.strip().equals("(0029,0010) LO [PRIVA ]")));
      assertEquals(
          List.of(
              "3002:" + sha(java.util.Arrays.copyOf(privateBulk, 3002)),
              "2002:" + sha(java.util.Arrays.copyOf(pixels, 2002))),
          bulkOf(out.toByteArray(), small),
          "bulk values copied and padded with 0x00, chunks of " + chunk);
    }
  }

  private static List<String> bulkOf(byte[] file, DicomParserOptions options) throws Exception {
    List<String> hashes = new ArrayList<>();
    org.sinfonia.core.dicom.DicomStreamParser parser =
        new org.sinfonia.core.dicom.DicomStreamParser(
            new org.sinfonia.core.dicom.DicomStreamListener() {
              @Override
              public void bulkDataSkipped(
                  org.sinfonia.core.dicom.ElementHeader header, long offset, long length) {
                hashes.add(
                    length
                        + ":"
                        + sha(
                            java.util.Arrays.copyOfRange(
                                file, (int) offset, (int) (offset + length))));
              }
            },
            options);
    parser.feed(file, 0, file.length);
    parser.end();
    return hashes;
  }

  private static String sha(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aReplacementThatBreaksItsVrReachesTheCallerAndSticks() throws Exception {
    Path input = WriterFixtures.dump2dcm(dir, "toolong", WriterFixtures.nestedDump(dir));
    byte[] original = Files.readAllBytes(input);
    DicomEditor tooLong =
        (path, header, value) ->
            path.matches(0x00100010) ? Edit.replaceString("x".repeat(65)) : Edit.KEEP;
    DicomStreamRewriter rewriter =
        new DicomStreamRewriter(java.io.OutputStream.nullOutputStream(), tooLong);
    IllegalArgumentException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> {
              rewriter.feed(original, 0, original.length);
              rewriter.end();
            });
    assertTrue(thrown.getMessage().contains("maximum of 64"), thrown.getMessage());
    org.junit.jupiter.api.Assertions.assertSame(
        thrown,
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, rewriter::end));
  }

  @Test
  void deflatedAndBareDataSetsAreRefused() throws Exception {
    Path input = WriterFixtures.dump2dcm(dir, "plain", WriterFixtures.nestedDump(dir));
    Path deflated = dir.resolve("deflated.dcm");
    WriterFixtures.Run run =
        WriterFixtures.run(dir, List.of("dcmconv", "+td", input.toString(), deflated.toString()));
    assertEquals(0, run.exit(), run.err());
    org.sinfonia.core.dicom.DicomParseException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.sinfonia.core.dicom.DicomParseException.class,
            () ->
                WriterFixtures.rewrite(
                    Files.readAllBytes(deflated), DicomEditor.identity(), 4096, 0));
    assertTrue(refused.reason().contains("deflated"), refused.getMessage());
    Path bare = dir.resolve("bare.dcm");
    run = WriterFixtures.run(dir, List.of("dcmconv", "-F", input.toString(), bare.toString()));
    assertEquals(0, run.exit(), run.err());
    refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.sinfonia.core.dicom.DicomParseException.class,
            () ->
                WriterFixtures.rewrite(Files.readAllBytes(bare), DicomEditor.identity(), 4096, 0));
    assertTrue(refused.reason().contains("Part 10"), refused.getMessage());
  }
}
