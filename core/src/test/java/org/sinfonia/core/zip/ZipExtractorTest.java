package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/** Well-formed archives from Info-ZIP, in every flavour, through both read modes. */
class ZipExtractorTest {

  @TempDir static Path dir;
  static TestTree tree;

  @BeforeAll
  static void archives() throws Exception {
    tree = TestTree.create(Files.createDirectories(dir.resolve("tree")), 7);
    Path src = tree.root;
    Tools.run(src, "zip", "-q", "-r", dir.resolve("deflated.zip").toString(), ".");
    Tools.run(src, "zip", "-q", "-r", "-0", dir.resolve("stored.zip").toString(), ".");
    Tools.run(src, "zip", "-q", "-r", "-fd", dir.resolve("descriptors.zip").toString(), ".");
    Tools.run(src, "zip", "-q", "-r", "-Z", "bzip2", dir.resolve("bzip2.zip").toString(), ".");
    // Through a pipe zip cannot seek back, so it writes data descriptors (stored ones included).
    Tools.run(src, "sh", "-c", "zip -q -r - . | cat > ../piped.zip");
    Tools.run(src, "sh", "-c", "zip -q -r -1 - . | cat > ../piped-fast.zip");
  }

  static Stream<Arguments> cases() {
    return Stream.of("deflated", "stored", "descriptors", "bzip2", "piped", "piped-fast")
        .flatMap(name -> Stream.of(Mode.values()).map(mode -> Arguments.of(name, mode)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void extractsEveryFileByteForByte(String archive, Mode mode) throws Exception {
    RecordingSink sink = new RecordingSink();
    ExtractionResult result =
        mode.extract(new ZipExtractor(ZipLimits.defaults()), dir.resolve(archive + ".zip"), sink);

    assertEquals(Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.refusal()));
    assertNull(result.refusal());
    assertEquals(List.of(), sink.skipped);
    tree.assertExtracted(sink);
    assertEquals(tree.totalBytes(), result.bytesDone());
    assertTrue(sink.directories.contains("empty-dir"), sink.directories.toString());
    assertTrue(sink.directories.contains("study/series1"), sink.directories.toString());
    assertEquals(sink.directories.size() + sink.files.size(), result.entriesDone());
    for (RecordingSink.StoredFile file : sink.fileOrder) {
      assertTrue(
          file.modified() != null && file.modified().getEpochSecond() > 1_600_000_000L,
          file.path());
      assertTrue(file.declaredSize() == file.size() || file.declaredSize() == -1, file.path());
    }
  }
}
