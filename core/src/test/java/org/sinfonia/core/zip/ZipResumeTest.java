package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/** A job restarted after a crash, cancellation, and progress reports. */
class ZipResumeTest {

  @TempDir static Path dir;
  static TestTree tree;
  static Path zip;
  static Path big;

  @BeforeAll
  static void archives() throws Exception {
    tree = TestTree.create(Files.createDirectories(dir.resolve("tree")), 11);
    zip = dir.resolve("tree.zip");
    Tools.run(tree.root, "sh", "-c", "zip -q -r - . | cat > " + zip);
    Path bigSrc = Files.createDirectories(dir.resolve("big"));
    Files.write(bigSrc.resolve("large.raw"), TestTree.randomBytes(new Random(2), 24 << 20));
    Files.writeString(bigSrc.resolve("small.txt"), "small");
    big = dir.resolve("big.zip");
    Tools.run(bigSrc, "zip", "-q", "-0", "-r", big.toString(), ".");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRestartedJobContinuesWithoutDuplicates(Mode mode) throws Exception {
    ZipExtractor extractor = new ZipExtractor(ZipLimits.defaults());
    List<ExtractionProgress> reports = new ArrayList<>();
    RecordingSink first = new RecordingSink().failAfterFiles(4);
    assertThrows(
        IOException.class,
        () ->
            mode.extract(
                extractor, zip, first, ExtractionOptions.DEFAULT.reportingTo(reports::add)));
    ResumePoint checkpoint =
        reports.get(reports.size() - 1).resumePoint(); // what a job would have saved
    assertEquals(4, first.files.size());

    RecordingSink second = new RecordingSink();
    ExtractionResult result =
        mode.extract(extractor, zip, second, ExtractionOptions.DEFAULT.resumingFrom(checkpoint));

    assertEquals(Outcome.COMPLETED, result.outcome());
    Set<String> overlap = new HashSet<>(first.files.keySet());
    overlap.retainAll(second.files.keySet());
    assertEquals(Set.of(), overlap, "no entry delivered twice");
    RecordingSink union = new RecordingSink();
    union.files.putAll(first.files);
    union.files.putAll(second.files);
    tree.assertExtracted(union);
    assertEquals(tree.totalBytes(), result.bytesDone());
    assertEquals(
        first.directories.size() + second.directories.size() + tree.files.size(),
        result.entriesDone());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancellingBetweenEntriesStopsCleanly(Mode mode) throws Exception {
    AtomicBoolean cancel = new AtomicBoolean();
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void file(
              List<String> path, InputStream content, long declaredSize, Instant modified)
              throws IOException {
            super.file(path, content, declaredSize, modified);
            if (files.size() == 2) {
              cancel.set(true);
            }
          }
        };
    ExtractionResult result =
        mode.extract(
            new ZipExtractor(ZipLimits.defaults()),
            zip,
            sink,
            ExtractionOptions.DEFAULT.cancelledWhen(cancel::get));

    assertEquals(Outcome.CANCELLED, result.outcome());
    assertEquals(2, sink.files.size());
    assertEquals(sink.files.size() + sink.directories.size(), result.entriesDone());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancellingDuringALargeEntryInterruptsTheCopy(Mode mode) throws Exception {
    AtomicBoolean cancel = new AtomicBoolean();
    long[] read = new long[1];
    EntrySink sink =
        new RecordingSink() {
          @Override
          public void file(
              List<String> path, InputStream content, long declaredSize, Instant modified)
              throws IOException {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = content.read(buffer)) >= 0) {
              read[0] += n;
              cancel.set(read[0] > (4 << 20));
            }
          }
        };
    ExtractionResult result =
        mode.extract(
            new ZipExtractor(ZipLimits.defaults()),
            big,
            sink,
            ExtractionOptions.DEFAULT.cancelledWhen(cancel::get));

    assertEquals(Outcome.CANCELLED, result.outcome());
    assertTrue(read[0] < (6 << 20), "read " + read[0]);
    assertEquals(0, result.bytesDone());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void progressReportsEntriesAndBytes(Mode mode) throws Exception {
    List<ExtractionProgress> reports = new ArrayList<>();
    ExtractionResult result =
        mode.extract(
            new ZipExtractor(ZipLimits.defaults()),
            big,
            new RecordingSink(),
            ExtractionOptions.DEFAULT.reportingTo(reports::add));

    ExtractionProgress last = reports.get(reports.size() - 1);
    assertEquals(result.entriesDone(), last.entriesDone());
    assertEquals(result.bytesDone(), last.bytesDone());
    assertEquals((24 << 20) + 5, last.bytesDone());
    assertTrue(
        reports.stream().anyMatch(p -> p.entryBytes() > 0), "reports inside the 24 MiB entry");
    if (mode == Mode.RANDOM_ACCESS) {
      assertEquals(2, last.entriesTotal());
      assertEquals((24 << 20) + 5, last.bytesTotal());
    } else {
      assertEquals(-1, last.entriesTotal());
    }
  }
}
