package org.sinfonia.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "brain.nii.gz | 1 | brain.nii.gz",
        "brain.nii.gz | 2 | brain (2).nii.gz",
        "BRAIN.NII.GZ | 3 | BRAIN (3).NII.GZ",
        "data.tar.gz  | 2 | data (2).tar.gz",
        "scan.dcm     | 2 | scan (2).dcm",
        "notes        | 2 | notes (2)",
        ".hidden      | 2 | .hidden (2)",
        "a.b.c        | 2 | a.b (2).c",
        ".nii.gz      | 2 | .nii (2).gz",
      })
  void numbersBeforeTheWholeExtension(String name, int n, String expected) {
    assertEquals(expected, FileNames.numbered(name, n));
  }

  @Test
  void numbersStartAtOne() {
    assertThrows(IllegalArgumentException.class, () -> FileNames.numbered("a.txt", 0));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "scan.DCM        | application/dicom",
        "brain.nii.gz    | application/gzip",
        "brain.nii       | application/x-nifti",
        "table.csv       | text/csv",
        "archive.zip     | application/zip",
        "photo.jpeg      | image/jpeg",
        "x.unknownthing  | application/octet-stream",
        "noextension     | application/octet-stream",
      })
  void oneMediaTypeTable(String name, String expected) {
    assertEquals(expected, MediaTypes.byName(name));
  }
}
