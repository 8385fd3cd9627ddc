package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser's output cannot depend on how the stream is cut: each corpus file fed whole, one byte
 * at a time and in seeded random splits gives the same events and the same data set.
 */
class ChunkingTest {

  @BeforeAll
  static void dcmtkInstalled() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
  }

  static List<DicomTestCorpus.Entry> corpus() {
    return DicomTestCorpus.shared();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void sameEventsWhateverTheChunks(DicomTestCorpus.Entry entry) throws Exception {
    byte[] file = Files.readAllBytes(entry.file());
    List<String> whole = events(file, new int[] {file.length});
    assertEquals(whole, events(file, ones(file.length)), "one byte at a time");
    Random random = new Random(entry.name().hashCode());
    for (int round = 0; round < 5; round++) {
      assertEquals(
          whole, events(file, randomSplits(file.length, random)), "random splits, round " + round);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void sameDatasetWhateverTheChunks(DicomTestCorpus.Entry entry) throws Exception {
    byte[] file = Files.readAllBytes(entry.file());
    String whole = json(file, new int[] {file.length});
    assertEquals(whole, json(file, ones(file.length)));
    assertEquals(whole, json(file, randomSplits(file.length, new Random(7))));
  }

  private static List<String> events(byte[] file, int[] chunks) throws DicomParseException {
    EventRecorder recorder = new EventRecorder();
    feed(file, chunks, new DicomStreamParser(recorder));
    return recorder.events;
  }

  private static String json(byte[] file, int[] chunks) throws DicomParseException {
    DicomDatasetCollector collector = new DicomDatasetCollector();
    feed(file, chunks, new DicomStreamParser(collector));
    return new DicomJsonWriter()
        .withFileMeta(true)
        .withBulkDataUris((path, offset, length) -> path + "@" + offset + "+" + length)
        .toJson(collector.dataset());
  }

  /** Feeds slices of a direct buffer view too, so both the array and the buffer paths are used. */
  private static void feed(byte[] file, int[] chunks, DicomStreamParser parser)
      throws DicomParseException {
    int at = 0;
    for (int i = 0; i < chunks.length; i++) {
      if (i % 2 == 0) {
        parser.feed(file, at, chunks[i]);
      } else {
        ByteBuffer direct = ByteBuffer.allocateDirect(chunks[i]);
        direct.put(file, at, chunks[i]).flip();
        parser.feed(direct);
      }
      at += chunks[i];
    }
    parser.end();
  }

  private static int[] ones(int length) {
    int[] chunks = new int[length];
    java.util.Arrays.fill(chunks, 1);
    return chunks;
  }

  private static int[] randomSplits(int length, Random random) {
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    for (int left = length; left > 0; ) {
      int size = Math.min(left, random.nextInt(random.nextBoolean() ? 16 : 4096) + 1);
      sizes.add(size);
      left -= size;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }
}
