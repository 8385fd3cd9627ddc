package org.sinfonia.core.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sinfonia.core.error.ApiError;

class RelativePathTest {

  @Test
  void theFoldersOfADroppedFileAreEverySegmentButItsOwnName() {
    assertEquals(List.of("scan", "CT"), RelativePath.folders("scan/CT/img1.dcm", "img1.dcm"));
    assertEquals(List.of("scan", "CT"), RelativePath.folders("/scan//CT/img1.dcm", "img1.dcm"));
    assertEquals(List.of("scan", "CT"), RelativePath.folders("scan\\CT\\img1.dcm", "img1.dcm"));
    assertEquals(
        List.of("scan", "CT"),
        RelativePath.folders("scan/CT", "img1.dcm"),
        "a path of folders only");
    assertEquals(List.of(), RelativePath.folders("img1.dcm", "img1.dcm"));
    assertEquals(List.of(), RelativePath.folders(null, "img1.dcm"));
    assertEquals(List.of(), RelativePath.folders("  ", "img1.dcm"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc/passwd", "a/../../b.dcm", "./x/y.dcm", "a/\u0000/b.dcm"})
  void aPathThatCouldClimbOutIsRefused(String path) {
    ApiError e = assertThrows(ApiError.class, () -> RelativePath.folders(path, "b.dcm"));
    assertEquals("INVALID_RELATIVE_PATH", e.code());
  }

  @Test
  void depthIsBounded() {
    String deep = "d/".repeat(RelativePath.MAX_DEPTH + 1) + "f";
    assertEquals(
        "INVALID_RELATIVE_PATH",
        assertThrows(ApiError.class, () -> RelativePath.folders(deep, "f")).code());
  }
}
