package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.core.zip.ExtractionResult.Outcome;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/**
 * Hostile entry names, hand-crafted into the archive bytes: nothing may land outside the target.
 */
class ZipSlipTest {

  @TempDir Path dir;

  private static final Map<String, Reason> HOSTILE = new LinkedHashMap<>();

  static {
    HOSTILE.put("../x", Reason.UNSAFE_PATH);
    HOSTILE.put("../../../../../../etc/cron.d/evil", Reason.UNSAFE_PATH);
    HOSTILE.put("/etc/x", Reason.UNSAFE_PATH);
    HOSTILE.put("C:\\x", Reason.UNSAFE_PATH);
    HOSTILE.put("c:/windows/x.dll", Reason.UNSAFE_PATH);
    HOSTILE.put("a/../../x", Reason.UNSAFE_PATH);
    HOSTILE.put("..\\..\\evil.txt", Reason.UNSAFE_PATH);
    HOSTILE.put("dir\\..\\..\\x", Reason.UNSAFE_PATH);
    HOSTILE.put("\\\\server\\share\\x", Reason.UNSAFE_PATH);
    HOSTILE.put("a\0b.txt", Reason.INVALID_NAME);
    HOSTILE.put("ok.txt\0../../x", Reason.INVALID_NAME);
    HOSTILE.put("bell\u0007.txt", Reason.INVALID_NAME);
    HOSTILE.put("a//b", Reason.INVALID_NAME);
    HOSTILE.put("./a", Reason.INVALID_NAME);
    HOSTILE.put("long/" + "n".repeat(300), Reason.NAME_TOO_LONG);
    HOSTILE.put("d/".repeat(40) + "deep.txt", Reason.TOO_DEEP);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void hostileNamesAreSkippedAndNothingEscapes(Mode mode) throws Exception {
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("before.txt", bytes("before")));
    for (String name : HOSTILE.keySet()) {
      zip.add(ZipBytes.deflated(name, bytes("payload of " + name)));
    }
    zip.add(ZipBytes.stored("win\\dir\\file.txt", bytes("backslashes are separators")));
    zip.add(ZipBytes.stored("after.txt", bytes("after")));
    Path archive = Files.write(dir.resolve("slip.zip"), zip.finish());

    RecordingSink sink = new RecordingSink();
    ExtractionResult result = mode.extract(new ZipExtractor(ZipLimits.defaults()), archive, sink);

    assertEquals(Outcome.COMPLETED, result.outcome());
    assertEquals(Set.of("before.txt", "win/dir/file.txt", "after.txt"), sink.files.keySet());
    assertArrayEquals(bytes("after"), sink.files.get("after.txt").content());
    // Commons Compress turns backslashes into slashes in names from FAT hosts (a local header says
    // FAT).
    assertEquals(
        HOSTILE.keySet().stream().map(ZipSlipTest::slashes).toList(),
        sink.skipped.stream().map(s -> slashes(s.rawName())).toList());
    assertEquals(List.copyOf(HOSTILE.values()), sink.reasons());
    assertEquals(HOSTILE.size(), result.skippedCount());
    assertEquals(HOSTILE.size() + 3, result.entriesDone());
    assertEquals(
        List.copyOf(HOSTILE.values()),
        result.skipped().stream().map(s -> s.problem().reason()).toList());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void symbolicLinksAreNeverFollowed(Mode mode) throws Exception {
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("link", bytes("../../../etc/passwd")).symlink());
    zip.add(ZipBytes.stored("link/owned.txt", bytes("through the link?")));
    Path archive = Files.write(dir.resolve("link.zip"), zip.finish());

    RecordingSink sink = new RecordingSink();
    mode.extract(new ZipExtractor(ZipLimits.defaults()), archive, sink);

    if (mode == Mode.RANDOM_ACCESS) {
      assertEquals(List.of(Reason.SYMLINK), sink.reasons());
      assertNull(sink.files.get("link"));
    } else {
      // Streaming cannot see the link bit (central directory only): the link is an inert file
      // holding a name.
      assertArrayEquals(bytes("../../../etc/passwd"), sink.files.get("link").content());
    }
    // Either way the entry below the "link" is an ordinary relative path: a sink that maps segments
    // onto its own
    // storage never resolves a link.
    assertArrayEquals(bytes("through the link?"), sink.files.get("link/owned.txt").content());
  }

  private static String slashes(String name) {
    return name.replace('\\', '/');
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
