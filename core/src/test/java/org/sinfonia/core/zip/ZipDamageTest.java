package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.core.zip.ExtractionResult.Outcome;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/** Truncated, corrupt, encrypted and otherwise unreadable archives and entries. */
class ZipDamageTest {

  @TempDir static Path dir;
  static Path src;

  @BeforeAll
  static void files() throws Exception {
    src = Files.createDirectories(dir.resolve("src"));
    Random random = new Random(3);
    for (int i = 0; i < 6; i++) {
      Files.write(src.resolve("file" + i + ".bin"), TestTree.randomBytes(random, 100_000));
    }
    Files.writeString(src.resolve("plain.txt"), "not a secret\n");
  }

  private static ZipExtractor extractor() {
    return new ZipExtractor(ZipLimits.defaults());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void truncatedArchiveIsRefusedAsCorruptKeepingWhatWasDelivered(Mode mode) throws Exception {
    Path whole = dir.resolve("whole-" + mode + ".zip");
    Tools.run(src, "zip", "-q", "-r", whole.toString(), ".");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut =
        Files.write(
            dir.resolve("cut-" + mode + ".zip"), Arrays.copyOf(bytes, bytes.length * 6 / 10));

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = mode.extract(extractor(), cut, sink);

    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals("ZIP_CORRUPT", result.refusal().code());
    if (mode == Mode.RANDOM_ACCESS) {
      assertEquals(0, sink.fileCalls, "no central directory: nothing can be trusted");
    } else {
      assertTrue(sink.files.size() >= 2 && sink.files.size() < 7, sink.files.keySet().toString());
      assertEquals(1, sink.discarded, "the cut entry was abandoned, not committed");
      assertEquals(sink.files.size(), result.entriesDone());
    }
  }

  @Test
  void streamCutAtAnEntryBoundaryIsNotMistakenForTheEnd() throws Exception {
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("a.txt", text("a")));
    zip.add(ZipBytes.stored("b.txt", text("b")));
    byte[] bytes = zip.finish();
    int boundary = 30 + 5 + 1; // a.txt's local header and data
    Path cut = Files.write(dir.resolve("boundary.zip"), Arrays.copyOf(bytes, boundary));

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = Mode.STREAMING.extract(extractor(), cut, sink);

    assertEquals("ZIP_CORRUPT", result.refusal().code());
    assertEquals(Set.of("a.txt"), sink.files.keySet());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void crcMismatchSkipsTheEntryAndTheSinkNeverCommitsIt(Mode mode) throws Exception {
    byte[] content = text("the quick brown fox");
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("bad.txt", content).crc(ZipBytes.crc(content) ^ 1));
    zip.add(ZipBytes.stored("good.txt", content));
    Path file = Files.write(dir.resolve("crc-" + mode + ".zip"), zip.finish());

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = mode.extract(extractor(), file, sink);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(List.of(Reason.CRC_MISMATCH), sink.reasons());
    assertEquals(Set.of("good.txt"), sink.files.keySet());
    assertEquals(1, sink.discarded);
  }

  @Test
  void corruptDeflateDataSkipsOnlyThatEntryWithRandomAccessAndStopsAStream() throws Exception {
    byte[] content = TestTree.ctLike(new Random(5), 50_000);
    ZipBytes.Entry broken = ZipBytes.deflated("broken.dcm", content);
    for (int i = 20; i < broken.data.length; i += 7) {
      broken.data[i] ^= 0x5a;
    }
    ZipBytes zip = new ZipBytes().add(broken).add(ZipBytes.stored("after.txt", text("after")));
    Path file = Files.write(dir.resolve("garbled.zip"), zip.finish());

    RecordingSink random = new RecordingSink();
    ExtractionResult viaRandom = extractor().extract(file, random, ExtractionOptions.DEFAULT);
    assertEquals(Outcome.COMPLETED, viaRandom.outcome());
    assertTrue(
        Set.of(Reason.CORRUPT_DATA, Reason.CRC_MISMATCH, Reason.SIZE_MISMATCH)
            .contains(random.skipped.get(0).reason()),
        random.skipped.toString());
    assertEquals(Set.of("after.txt"), random.files.keySet());

    RecordingSink streamed = new RecordingSink();
    ExtractionResult viaStream = Mode.STREAMING.extract(extractor(), file, streamed);
    if (viaStream.outcome() == Outcome.REFUSED) {
      assertEquals("ZIP_CORRUPT", viaStream.refusal().code());
    } else {
      // The garbling may still leave a decodable deflate stream with the right length; the CRC
      // catches it then.
      assertEquals(List.of(Reason.CRC_MISMATCH), streamed.reasons());
    }
    assertTrue(!streamed.files.containsKey("broken.dcm"));
  }

  @Test
  void encryptedEntriesAreSkipped() throws Exception {
    Path zip = dir.resolve("secret.zip");
    Tools.run(src, "zip", "-q", "-e", "-P", "secret", zip.toString(), "file0.bin", "file1.bin");
    Tools.run(src, "zip", "-q", zip.toString(), "plain.txt");

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = extractor().extract(zip, sink, ExtractionOptions.DEFAULT);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(List.of(Reason.ENCRYPTED, Reason.ENCRYPTED), sink.reasons());
    assertEquals(Set.of("plain.txt"), sink.files.keySet());

    // zip -e flags a data descriptor: a stream cannot find where the encrypted bytes end without
    // the key.
    ExtractionResult viaStream = Mode.STREAMING.extract(extractor(), zip, new RecordingSink());
    assertEquals("ZIP_NEEDS_RANDOM_ACCESS", viaStream.refusal().code());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void encryptedEntryWithSizesUpFrontIsSkippedEvenWhileStreaming(Mode mode) throws Exception {
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("secret.bin", TestTree.randomBytes(new Random(1), 5000)).flags(1));
    zip.add(ZipBytes.stored("plain.txt", text("plain")));
    Path file = Files.write(dir.resolve("flagged-" + mode + ".zip"), zip.finish());

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = mode.extract(extractor(), file, sink);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(List.of(Reason.ENCRYPTED), sink.reasons());
    assertEquals(Set.of("plain.txt"), sink.files.keySet());
  }

  @Test
  void symlinkFromInfoZipIsSkipped() throws Exception {
    Path links = Files.createDirectories(dir.resolve("links"));
    Files.writeString(links.resolve("target.txt"), "target");
    Files.createSymbolicLink(links.resolve("escape"), Path.of("/etc/passwd"));
    Path zip = dir.resolve("links.zip");
    Tools.run(links, "zip", "-q", "-y", "-r", zip.toString(), ".");

    RecordingSink sink = new RecordingSink();
    extractor().extract(zip, sink, ExtractionOptions.DEFAULT);

    assertEquals(List.of(Reason.SYMLINK), sink.reasons());
    assertEquals(Set.of("target.txt"), sink.files.keySet());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unsupportedMethodsAreSkipped(Mode mode) throws Exception {
    byte[] content = text("pretend this is LZMA");
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("lzma.bin", content).method(14));
    zip.add(ZipBytes.stored("implode.bin", content).method(6));
    zip.add(ZipBytes.stored("ok.txt", content));
    Path file = Files.write(dir.resolve("methods-" + mode + ".zip"), zip.finish());

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = mode.extract(extractor(), file, sink);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(List.of(Reason.UNSUPPORTED_METHOD, Reason.UNSUPPORTED_METHOD), sink.reasons());
    assertArrayEquals(content, sink.files.get("ok.txt").content());
  }

  @Test
  void largeStoredEntryWithDataDescriptorNeedsRandomAccess() throws Exception {
    Path zip = dir.resolve("piped-stored.zip");
    Tools.run(
        src,
        "sh",
        "-c",
        "zip -q -0 -r - . | cat > " + zip); // stored + data descriptors, 100 KB files

    ZipLimits small = new ZipLimits(1L << 30, 100, 1 << 20, 1000, 32, 255, 100, 64 * 1024);
    RecordingSink streamed = new RecordingSink();
    ExtractionResult viaStream = Mode.STREAMING.extract(new ZipExtractor(small), zip, streamed);
    assertEquals("ZIP_NEEDS_RANDOM_ACCESS", viaStream.refusal().code());

    RecordingSink random = new RecordingSink();
    ExtractionResult viaRandom =
        new ZipExtractor(small).extract(zip, random, ExtractionOptions.DEFAULT);
    assertEquals(Outcome.COMPLETED, viaRandom.outcome());
    assertEquals(7, random.files.size());

    RecordingSink roomy = new RecordingSink();
    assertEquals(Outcome.COMPLETED, Mode.STREAMING.extract(extractor(), zip, roomy).outcome());
    assertEquals(7, roomy.files.size());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notAZipIsCorrupt(Mode mode) throws Exception {
    Path file =
        Files.write(
            dir.resolve("text-" + mode + ".zip"), text("hello, I am not an archive".repeat(10)));
    ExtractionResult result = mode.extract(extractor(), file, new RecordingSink());
    assertEquals("ZIP_CORRUPT", result.refusal().code());
  }

  @Test
  void aFailingSinkPropagatesItsOwnError() throws Exception {
    Path zip = dir.resolve("sinkfail.zip");
    Tools.run(src, "zip", "-q", "-r", zip.toString(), ".");
    RecordingSink sink = new RecordingSink().failAfterFiles(2);
    java.io.IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class,
            () -> extractor().extract(zip, sink, ExtractionOptions.DEFAULT));
    assertEquals("storage failed (test)", e.getMessage());
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
