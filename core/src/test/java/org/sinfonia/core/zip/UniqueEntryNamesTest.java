package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueEntryNamesTest {

  private static List<String> p(String path) {
    return List.of(path.split("/"));
  }

  @Test
  void duplicateFilesGetNumberedBeforeTheExtension() {
    UniqueEntryNames names = new UniqueEntryNames();
    assertEquals("s/report.pdf", names.file(p("s/report.pdf")));
    assertEquals("s/report (2).pdf", names.file(p("s/report.pdf")));
    assertEquals("s/report (3).pdf", names.file(p("s/report.pdf")));
    assertEquals("s/README", names.file(p("s/README")));
    assertEquals("s/README (2)", names.file(p("s/README")));
    assertEquals(".hidden", names.file(p(".hidden")));
    assertEquals(".hidden (2)", names.file(p(".hidden")));
    assertEquals("a.tar.gz", names.file(p("a.tar.gz")));
    assertEquals("a (2).tar.gz", names.file(p("a.tar.gz")));
  }

  @Test
  void skipsNumbersAlreadyTaken() {
    UniqueEntryNames names = new UniqueEntryNames();
    names.file(p("x (2).txt"));
    names.file(p("x.txt"));
    assertEquals("x (3).txt", names.file(p("x.txt")));
  }

  @Test
  void comparesCaseInsensitively() {
    UniqueEntryNames names = new UniqueEntryNames();
    assertEquals("CT/Image.dcm", names.file(p("CT/Image.dcm")));
    assertEquals(
        "CT/image (2).dcm", names.file(p("ct/image.dcm")), "lands in the existing CT directory");
  }

  @Test
  void directoriesMergeAndAreWrittenOnce() {
    UniqueEntryNames names = new UniqueEntryNames();
    assertEquals("a/b", names.directory(p("a/b")));
    assertNull(names.directory(p("a/b")));
    assertEquals("a", names.directory(p("a")), "implied by a/b, its own entry is written now");
    assertNull(names.directory(p("a")));
    assertEquals("a/b/f.txt", names.file(p("a/b/f.txt")));
  }

  @Test
  void aFileAndADirectoryNeverShareAPath() {
    UniqueEntryNames names = new UniqueEntryNames();
    assertEquals("x", names.file(p("x")));
    assertEquals(
        "x (2)/y.txt", names.file(p("x/y.txt")), "the directory is renamed, the file stays");
    assertEquals("x (2)/z.txt", names.file(p("x/z.txt")), "and later paths follow the rename");
    assertEquals("x (2)", names.directory(p("x")));
    assertEquals("d/e", names.directory(p("d/e")));
    assertEquals("d/e (2)", names.file(p("d/e")));
  }
}
