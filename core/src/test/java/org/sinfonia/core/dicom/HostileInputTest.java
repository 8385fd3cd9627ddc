package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutations of the corpus: whatever the damage, feed/end either succeed or throw a {@link
 * DicomParseException} that is not an internal error; no value larger than the bulk data threshold
 * is handed out; the events stay proportional to the bytes read; every case ends. {@code
 * sinfonia.fuzz.cases} sets the number of cases (2,000 by default; {@code -Pfuzz}: 100,000), {@code
 * sinfonia.fuzz.seed} the first seed (0).
 */
class HostileInputTest {

  private static final int SMALL_THRESHOLD = 1024;

  @BeforeAll
  static void dcmtkInstalled() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void hostileInputEndsInACheckedErrorOrAResult() {
    int cases = Integer.getInteger("sinfonia.fuzz.cases", 2_000);
    long firstSeed = Long.getLong("sinfonia.fuzz.seed", 0);
    List<byte[]> seeds = seedFiles();
    long failures = 0;
    for (long seed = firstSeed; seed < firstSeed + cases; seed++) {
      Random random = new Random(seed);
      byte[] input = HostileInputMutator.mutate(seeds.get(random.nextInt(seeds.size())), random);
      int threshold =
          random.nextBoolean() ? SMALL_THRESHOLD : DicomParserOptions.DEFAULT_BULK_DATA_THRESHOLD;
      DicomParserOptions options =
          DicomParserOptions.defaults()
              .withBulkDataThreshold(threshold)
              .withMaxNestingDepth(
                  1 + random.nextInt(DicomParserOptions.DEFAULT_MAX_NESTING_DEPTH));
      try {
        failures += parse(input, options, random) ? 0 : 1;
      } catch (Throwable unexpected) {
        throw new AssertionError(
            "seed "
                + seed
                + " (replay: -Dsinfonia.fuzz.seed="
                + seed
                + " -Dsinfonia.fuzz.cases=1): "
                + unexpected,
            unexpected);
      }
    }
    assertTrue(failures > 0, "the mutations should break some files");
  }

  /**
   * Returns true if the input parsed, false if it was refused with a proper DicomParseException.
   */
  private static boolean parse(byte[] input, DicomParserOptions options, Random random)
      throws Exception {
    EventRecorder recorder = new EventRecorder(options.bulkDataThreshold(), Integer.MAX_VALUE);
    DicomStreamParser parser = new DicomStreamParser(recorder, options);
    boolean parsed = run(parser, input, random);
    // each event stands for at least one header (8 bytes) read, or closes one that did
    long bound = 2 * (parser.position() / 8) + 16;
    assertTrue(
        recorder.events.size() <= bound,
        recorder.events.size() + " events for " + parser.position() + " bytes");

    DicomDatasetCollector collector = new DicomDatasetCollector();
    DicomStreamParser collecting = new DicomStreamParser(collector, options);
    if (run(collecting, input, random) != parsed) {
      fail("the collector changed the outcome");
    }
    new DicomJsonWriter()
        .withFileMeta(true)
        .withBulkDataUris((path, offset, length) -> path)
        .toJson(collector.dataset());
    return parsed;
  }

  private static boolean run(DicomStreamParser parser, byte[] input, Random random) {
    try {
      for (int at = 0; at < input.length; ) {
        int n = Math.min(input.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000));
        parser.feed(input, at, n);
        at += n;
      }
      parser.end();
      return true;
    } catch (DicomParseException e) {
      if (e.getCause() != null || e.reason().startsWith("internal error")) {
        throw new AssertionError("internal error: " + e.getMessage(), e.getCause());
      }
      return false;
    }
  }

  /** The corpus files small enough to mutate many times per second. */
  private static List<byte[]> seedFiles() {
    List<byte[]> seeds = new ArrayList<>();
    for (DicomTestCorpus.Entry entry : DicomTestCorpus.shared()) {
      try {
        byte[] bytes = Files.readAllBytes(entry.file());
        if (bytes.length <= 64 * 1024) {
          seeds.add(bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seeds;
  }
}
