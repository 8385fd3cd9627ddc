package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

class ZipEntryNamesTest {

  private static final ZipLimits LIMITS = ZipLimits.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a.txt|a.txt|false",
        "dir/sub/a.dcm|dir/sub/a.dcm|false",
        "dir/|dir|true",
        "dir/sub/|dir/sub|true",
        "win\\style\\file.txt|win/style/file.txt|false",
        "win\\dir\\|win/dir|true",
        "...|...|false",
        "a..b/c|a..b/c|false",
        "Müller/Ärzte.txt|Müller/Ärzte.txt|false",
        "日本/画像.dcm|日本/画像.dcm|false",
        "has:colon/x|has:colon/x|false",
      })
  void acceptsSafeNames(String raw, String joined, boolean directory) throws Exception {
    EntryPath path = ZipEntryNames.parse(raw, LIMITS);
    assertEquals(joined, path.joined());
    assertEquals(directory, path.directory());
    RecordingSink.assertSafe(path.segments());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "../x|UNSAFE_PATH",
        "a/../../x|UNSAFE_PATH",
        "a/b/..|UNSAFE_PATH",
        "..|UNSAFE_PATH",
        "../|UNSAFE_PATH",
        "/etc/passwd|UNSAFE_PATH",
        "//server/share/x|UNSAFE_PATH",
        "C:\\x|UNSAFE_PATH",
        "C:/x|UNSAFE_PATH",
        "c:x|UNSAFE_PATH",
        "\\\\server\\share|UNSAFE_PATH",
        "..\\..\\windows\\x|UNSAFE_PATH",
        "a\\..\\..\\x|UNSAFE_PATH",
        "\\abs|UNSAFE_PATH",
        "a//b|INVALID_NAME",
        "./a|INVALID_NAME",
        "a/./b|INVALID_NAME",
        "/|UNSAFE_PATH",
        "a/b//|INVALID_NAME",
      })
  void refusesHostileNames(String raw, Reason reason) {
    ZipEntryRefusedException e =
        assertThrows(ZipEntryRefusedException.class, () -> ZipEntryNames.parse(raw, LIMITS));
    assertEquals(reason, e.problem().reason(), e.getMessage());
  }

  @Test
  void refusesNulAndControlCharacters() {
    for (String raw :
        List.of("a\0b", "evil.txt\0.dcm", "a\nb", "tab\there", "del\u007f", "c1\u0085x", "\0")) {
      ZipEntryRefusedException e =
          assertThrows(ZipEntryRefusedException.class, () -> ZipEntryNames.parse(raw, LIMITS));
      assertEquals(Reason.INVALID_NAME, e.problem().reason());
      assertFalse(
          e.problem().detail().contains("\0"), "the message must not echo control characters");
    }
  }

  @Test
  void refusesEmptyNames() {
    assertEquals(
        Reason.INVALID_NAME,
        assertThrows(ZipEntryRefusedException.class, () -> ZipEntryNames.parse("", LIMITS))
            .problem()
            .reason());
  }

  @Test
  void enforcesSegmentLengthInUtf8Bytes() throws Exception {
    String ascii255 = "a".repeat(255);
    assertEquals(ascii255, ZipEntryNames.parse(ascii255, LIMITS).joined());
    assertEquals(
        Reason.NAME_TOO_LONG,
        assertThrows(
                ZipEntryRefusedException.class, () -> ZipEntryNames.parse("a".repeat(256), LIMITS))
            .problem()
            .reason());
    String umlauts = "ü".repeat(128); // 128 characters but 256 bytes
    assertEquals(
        Reason.NAME_TOO_LONG,
        assertThrows(
                ZipEntryRefusedException.class, () -> ZipEntryNames.parse("dir/" + umlauts, LIMITS))
            .problem()
            .reason());
  }

  @Test
  void enforcesDepth() throws Exception {
    ZipLimits shallow = LIMITS.withMaxDepth(3);
    assertEquals(3, ZipEntryNames.parse("a/b/c", shallow).segments().size());
    assertEquals(3, ZipEntryNames.parse("a/b/c/", shallow).segments().size());
    assertEquals(
        Reason.TOO_DEEP,
        assertThrows(ZipEntryRefusedException.class, () -> ZipEntryNames.parse("a/b/c/d", shallow))
            .problem()
            .reason());
  }

  @Test
  void printableEscapesAndTruncates() {
    assertEquals("a?b", ZipEntryNames.printable("a\0b"));
    String longName = ZipEntryNames.printable("x".repeat(1000));
    assertTrue(longName.length() < 210 && longName.endsWith("..."));
  }
}
