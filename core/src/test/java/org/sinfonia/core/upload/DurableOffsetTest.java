package org.sinfonia.core.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurableOffsetTest {

  @Test
  void theBootThatWroteTrustsWhatItWrote() {
    assertEquals(800, new DurableOffset(800, "boot-a", 300).trusted("boot-a"));
  }

  @Test
  void anotherBootTrustsOnlyWhatWasSynced() {
    assertEquals(300, new DurableOffset(800, "boot-a", 300).trusted("boot-b"));
  }

  @Test
  void syncedProgressOfALongPatchCountsInTheSameBootToo() {
    // A PATCH still running (or killed) has synced more than the previous PATCH wrote.
    assertEquals(900, new DurableOffset(800, "boot-a", 900).trusted("boot-a"));
  }

  @Test
  void syncedProgressOfAPatchCutShortByAPowerLossCountsAfterTheReboot() {
    assertEquals(900, new DurableOffset(800, "boot-a", 900).trusted("boot-b"));
  }

  @Test
  void recordsFromBeforeTheRuleWereSyncedWhenRecorded() {
    assertEquals(700, new DurableOffset(700, null, 0).trusted("boot-a"));
  }

  @Test
  void negativeOffsetsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DurableOffset(-1, "b", 0));
  }
}
