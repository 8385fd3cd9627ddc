package org.sinfonia.core.fsck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlobRuleTest {

  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void unusedBlobsAreOrphansOnlyPastTheGracePeriod() {
    long now = 10 * HOUR.toMillis();
    assertFalse(BlobRule.orphan(now - 1_000, 0, now, HOUR), "freed a second ago");
    assertTrue(BlobRule.orphan(now - HOUR.toMillis(), now, now, HOUR), "freed an hour ago");
    assertFalse(BlobRule.orphan(null, now - 1_000, now, HOUR), "an upload not yet registered");
    assertTrue(BlobRule.orphan(null, now - 2 * HOUR.toMillis(), now, HOUR), "never registered");
  }

  @Test
  void blobAddressesAreSha256Hex() {
    assertTrue(BlobRule.isAddress("a".repeat(64)));
    assertFalse(BlobRule.isAddress("A".repeat(64)));
    assertFalse(BlobRule.isAddress("a".repeat(63)));
    assertFalse(BlobRule.isAddress("x".repeat(64)));
  }

  @Test
  void theExitStatusSaysWhetherAnythingIsLeftWrong() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FsckReport r = new FsckReport(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    r.begin("blobs");
    r.checked("blobs", 3);
    assertEquals(0, r.summary(false));
    FsckReport.Problem p = r.problem("blobs", "file f1", "blob missing", false);
    FsckReport.Problem q = r.problem("sizes", "folder d1", "size 1, children 2", true);
    r.fixed(q, "size 2");
    r.left(p, "restore it");
    assertEquals(1, r.summary(true));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("PROBLEM blobs file f1: blob missing"), text);
    assertTrue(text.contains("check blobs: 3 checked, 1 problems"), text);
    assertTrue(text.contains("fsck: 2 problems, 1 fixed, 1 left"), text);
  }
}
