package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/**
 * 100,000 empty entries (ZIP64: more than 65,535): refused by a lower entry limit, fast under a
 * higher one.
 */
class ManyEntriesTest {

  private static final int ENTRIES = 100_000;

  @TempDir static Path dir;
  static Path many;

  @BeforeAll
  static void archive() throws IOException {
    many = Bombs.manyEmptyEntries(dir.resolve("many.zip"), ENTRIES);
  }

  @Test
  void aLowerLimitRefusesUpFrontWhenReadingRandomlyAndAtTheLimitWhenStreaming() throws Exception {
    ZipLimits limits = ZipLimits.defaults().withMaxEntries(1_000);

    RecordingSink sink = new RecordingSink();
    ExtractionResult result =
        new ZipExtractor(limits).extract(many, sink, ExtractionOptions.DEFAULT);
    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals("ZIP_TOO_MANY_ENTRIES", result.refusal().code());
    assertEquals(ApiError.Kind.TOO_LARGE, result.refusal().kind());
    assertEquals(
        0, sink.fileCalls, "refused from the end record, before the central directory was parsed");

    RecordingSink streamed = new RecordingSink();
    ExtractionResult viaStream = Mode.STREAMING.extract(new ZipExtractor(limits), many, streamed);
    assertEquals("ZIP_TOO_MANY_ENTRIES", viaStream.refusal().code());
    assertEquals(1_000, streamed.fileCalls, "a stream can only count entries as they come");

    ApiError listing = assertThrows(ApiError.class, () -> new ZipListing(limits).list(many));
    assertEquals("ZIP_TOO_MANY_ENTRIES", listing.code());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aHigherLimitExtractsThemQuickly(Mode mode) throws Exception {
    long[] files = new long[1];
    EntrySink counting =
        new EntrySink() {
          @Override
          public void directory(List<String> path) {}

          @Override
          public void file(List<String> path, InputStream content, long size, Instant modified)
              throws IOException {
            assertEquals(-1, content.read());
            files[0]++;
          }

          @Override
          public void skipped(String rawName, ZipEntryProblem problem) {
            throw new AssertionError(rawName + ": " + problem);
          }
        };
    long start = System.nanoTime();
    ExtractionResult result = mode.extract(new ZipExtractor(ZipLimits.defaults()), many, counting);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.refusal()));
    assertEquals(ENTRIES, files[0]);
    assertEquals(ENTRIES, result.entriesDone());
    assertTrue(
        millis < 30_000,
        "took " + millis + " ms"); // ~1 s on an idle machine; generous for loaded CI
    System.out.printf("%,d empty entries, %s: %d ms%n", ENTRIES, mode, millis);
  }

  @Test
  void listingReadsOnlyTheCentralDirectory() throws Exception {
    long start = System.nanoTime();
    ZipTree listing = new ZipListing(ZipLimits.defaults()).list(many);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(ENTRIES, listing.entries());
    assertEquals(ENTRIES, listing.files());
    assertEquals(997, listing.root().children().size());
    assertTrue(millis < 30_000, "took " + millis + " ms");
    System.out.printf("listing %,d entries: %d ms%n", ENTRIES, millis);
  }
}
