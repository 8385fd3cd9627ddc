package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.core.zip.ExtractionResult.Outcome;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/**
 * Zip bombs of every kind: the extractor stops at the limit, having produced no more than the
 * limit.
 */
class ZipBombTest {

  private static final long MIB = 1 << 20;

  @TempDir static Path dir;

  /** 1 GiB of zeros, about 1 MiB deflated. */
  static Bombs.Deflated gigabyte;

  @BeforeAll
  static void bombs() throws Exception {
    gigabyte = Bombs.zeros(1024);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ZipBytes.Entry bombEntry() {
    return ZipBytes.raw("bomb.bin", 8, gigabyte.data(), gigabyte.size(), gigabyte.crc());
  }

  private static Path write(String name, byte[] archive) throws Exception {
    return Files.write(dir.resolve(name), archive);
  }

  @Test
  void declaredRatioIsRefusedBeforeReadingAByte() throws Exception {
    Path zip =
        write(
            "honest.zip",
            new ZipBytes()
                .add(bombEntry())
                .add(ZipBytes.stored("after.txt", text("still extracted")))
                .finish());
    RecordingSink sink = new RecordingSink();

    ExtractionResult result =
        new ZipExtractor(ZipLimits.defaults()).extract(zip, sink, ExtractionOptions.DEFAULT);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(List.of(Reason.RATIO_EXCEEDED), sink.reasons());
    assertEquals(0, sink.fileCalls - 1, "the bomb never reached the sink");
    assertTrue(sink.files.containsKey("after.txt"));
  }

  @Test
  void lyingSizeIsCaughtOnTheBytesActuallyInflated() throws Exception {
    // Claims 4 MiB (ratio ~4, within limits) but inflates to 1 GiB.
    ZipBytes.Entry liar = bombEntry().size(4 * MIB);
    Path zip =
        write(
            "liar.zip",
            new ZipBytes().add(liar).add(ZipBytes.stored("after.txt", text("ok"))).finish());
    RecordingSink sink = new RecordingSink();

    ExtractionResult result =
        new ZipExtractor(ZipLimits.defaults()).extract(zip, sink, ExtractionOptions.DEFAULT);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(List.of(Reason.SIZE_MISMATCH), sink.reasons());
    assertTrue(sink.bytesSeen <= 4 * MIB + 2, "handed out " + sink.bytesSeen);
    assertEquals(1, sink.discarded);
    assertEquals(List.of("after.txt"), List.copyOf(sink.files.keySet()));
  }

  @Test
  void declaredTotalIsRefusedUpFront() throws Exception {
    Path zip =
        write(
            "total.zip",
            new ZipBytes().add(ZipBytes.stored("first.txt", text("x"))).add(bombEntry()).finish());
    RecordingSink sink = new RecordingSink();
    ZipLimits limits = ZipLimits.defaults().withMaxRatio(2000).withMaxTotalBytes(64 * MIB);

    ExtractionResult result =
        new ZipExtractor(limits).extract(zip, sink, ExtractionOptions.DEFAULT);

    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals("ZIP_TOO_LARGE", result.refusal().code());
    assertEquals(0, sink.fileCalls, "refused before the first entry");
  }

  @Test
  void streamedBombTripsTheRatioOnInflatedBytes() throws Exception {
    Path zip =
        write(
            "streamed.zip",
            new ZipBytes()
                .add(ZipBytes.stored("first.txt", text("first")))
                .add(bombEntry().descriptor())
                .add(ZipBytes.stored("after.txt", text("after")))
                .finish());
    RecordingSink sink = new RecordingSink();
    ZipLimits limits = ZipLimits.defaults().withMaxTotalBytes(64 * MIB);

    ExtractionResult result = Mode.STREAMING.extract(new ZipExtractor(limits), zip, sink);

    // Refused after the 1 MiB grace; getting past it means inflating it, which the 64 MiB budget
    // cuts short.
    assertEquals(List.of(Reason.RATIO_EXCEEDED), sink.reasons());
    assertTrue(sink.bytesSeen <= MIB + 64 * 1024, "handed out " + sink.bytesSeen);
    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals("ZIP_TOO_LARGE", result.refusal().code());
    assertEquals(List.of("first.txt"), List.copyOf(sink.files.keySet()));
    assertEquals(2, result.entriesDone());
  }

  @Test
  void streamedBombStopsExactlyAtTheTotal() throws Exception {
    Path zip =
        write(
            "streamed-total.zip",
            new ZipBytes()
                .add(ZipBytes.stored("first.txt", text("first")))
                .add(bombEntry().descriptor())
                .finish());
    RecordingSink sink = new RecordingSink();
    ZipLimits limits = ZipLimits.defaults().withMaxRatio(5000).withMaxTotalBytes(64 * MIB);

    ExtractionResult result = Mode.STREAMING.extract(new ZipExtractor(limits), zip, sink);

    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals("ZIP_TOO_LARGE", result.refusal().code());
    assertEquals(
        64 * MIB, sink.bytesSeen, "first.txt's 5 bytes, then exactly the budget that was left");
    assertEquals(1, sink.discarded);
    assertEquals(5, result.bytesDone());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedArchivesAreStoredAsFlaggedFilesNeverExpanded(Mode mode) throws Exception {
    byte[] inner =
        new ZipBytes()
            .add(
                ZipBytes.raw(
                    "zeros.bin", 8, Bombs.zeros(16).data(), 16 * MIB, Bombs.zeros(16).crc()))
            .finish();
    byte[] layer2 = Bombs.nest(inner, 16);
    byte[] layer1 =
        Bombs.nest(layer2, 16); // 42.zip in miniature: 16 x 16 x 16 MiB = 4 GiB if expanded
    Path zip = write("42.zip", layer1);
    RecordingSink sink = new RecordingSink();

    ExtractionResult result = mode.extract(new ZipExtractor(ZipLimits.defaults()), zip, sink);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(16, sink.files.size());
    for (RecordingSink.StoredFile file : sink.fileOrder) {
      assertTrue(file.nested(), file.path());
      assertEquals(layer2.length, file.size());
    }
    assertEquals(16L * layer2.length, result.bytesDone());
  }

  @Test
  void overlappingEntriesAreRefusedBeforeAnyOutput() throws Exception {
    Bombs.Deflated kernel = Bombs.zeros(64);
    ZipBytes zip = new ZipBytes();
    ZipBytes.Entry shared = ZipBytes.raw("kernel", 8, kernel.data(), kernel.size(), kernel.crc());
    zip.add(shared);
    for (int i = 0; i < 100; i++) { // 100 central records, one local entry: 6.4 GB from 64 KB
      zip.central(ZipBytes.raw("copy" + i, 8, kernel.data(), kernel.size(), kernel.crc()), 0);
    }
    Path file = write("overlap.zip", zip.finish());

    RecordingSink sink = new RecordingSink();
    ExtractionResult result =
        new ZipExtractor(ZipLimits.defaults()).extract(file, sink, ExtractionOptions.DEFAULT);
    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals("ZIP_OVERLAPPING_ENTRIES", result.refusal().code());
    assertEquals(0, sink.fileCalls);

    // A stream sees one local entry (too compressed: skipped), then a central directory listing
    // 101: refused.
    RecordingSink streamed = new RecordingSink();
    ExtractionResult viaStream =
        Mode.STREAMING.extract(new ZipExtractor(ZipLimits.defaults()), file, streamed);
    assertEquals(Outcome.REFUSED, viaStream.outcome());
    assertEquals("ZIP_CORRUPT", viaStream.refusal().code());
    assertEquals(List.of(Reason.RATIO_EXCEEDED), streamed.reasons());
  }

  @Test
  void quotedOverlapIsRefused() throws Exception {
    // Fifield's variant: entry A's stored data is entry B's local header and data, so both "own"
    // those bytes.
    ZipBytes inner = new ZipBytes();
    ZipBytes.Entry b = ZipBytes.stored("b.bin", new byte[1000]);
    inner.addLocalOnly(b);
    byte[] quoted = java.util.Arrays.copyOf(inner.finish(), (int) inner.position());
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("a.bin", quoted));
    zip.central(b, 30 + "a.bin".length()); // B's local header sits inside A's data
    Path file = write("quoted.zip", zip.finish());

    ExtractionResult result =
        new ZipExtractor(ZipLimits.defaults())
            .extract(file, new RecordingSink(), ExtractionOptions.DEFAULT);
    assertEquals("ZIP_OVERLAPPING_ENTRIES", result.refusal().code());
  }
}
