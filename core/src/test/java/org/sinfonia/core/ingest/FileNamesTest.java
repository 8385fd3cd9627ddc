package org.sinfonia.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one naming rule every door uses when a name is taken. */
class FileNamesTest {

  @ParameterizedTest(name = "{0} #{1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "scan.dcm        | 1 | scan.dcm",
      "scan.dcm        | 2 | scan (2).dcm",
      "scan.dcm        | 10 | scan (10).dcm",
      "brain.nii.gz    | 2 | brain (2).nii.gz",
      "BRAIN.NII.GZ    | 2 | BRAIN (2).NII.GZ",
      "data.tar.gz     | 3 | data (3).tar.gz",
      "notes           | 2 | notes (2)",
      ".hidden         | 2 | .hidden (2)",
      "report.v2.pdf   | 2 | report.v2 (2).pdf",
      ".nii.gz         | 2 | .nii (2).gz",
      "1.2.840.1.dcm   | 2 | 1.2.840.1 (2).dcm"})
  void numbersGoBeforeTheExtension(String name, int n, String expected) {
    assertEquals(expected, FileNames.numbered(name, n));
  }

  @Test
  void numbersStartAtOne() {
    assertThrows(IllegalArgumentException.class, () -> FileNames.numbered("a.txt", 0));
  }

  @Test
  void extensionsAreLowerCaseAndWhole() {
    assertEquals("nii.gz", FileNames.extension("Brain.NII.GZ"));
    assertEquals("dcm", FileNames.extension("x.dcm"));
    assertEquals("", FileNames.extension(".bashrc"));
  }
}
