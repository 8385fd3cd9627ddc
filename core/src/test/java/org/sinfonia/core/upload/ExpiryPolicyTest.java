package org.sinfonia.core.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.upload.ExpiryPolicy.Purge;

class ExpiryPolicyTest {

  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
  private static final ExpiryPolicy POLICY = new ExpiryPolicy(Duration.ofHours(24));
  private static final Instant LATER = T0.plus(Duration.ofHours(25));

  private static UploadState upload(
      long length, long offset, UploadState.Concat concat, String fileId) {
    return new UploadState(
        "u1",
        "alice",
        length,
        offset,
        Map.of("filename", "a"),
        T0,
        POLICY.expiresAt(T0),
        concat,
        List.of(),
        "f1",
        null,
        fileId);
  }

  @Test
  void anAbandonedUploadGoesWithItsBytes() {
    UploadState u = upload(100, 40, UploadState.Concat.NONE, null);
    assertEquals(Purge.KEEP, POLICY.purge(u, T0.plus(Duration.ofHours(23))));
    assertEquals(Purge.RECORD_AND_BYTES, POLICY.purge(u, LATER));
    assertTrue(u.expired(LATER));
  }

  @Test
  void aFinishedUploadLosesOnlyItsRecord() {
    UploadState u = upload(100, 100, UploadState.Concat.NONE, "file1");
    assertEquals(Purge.RECORD_ONLY, POLICY.purge(u, LATER));
    assertFalse(u.expired(LATER), "a finished upload is never 410");
  }

  @Test
  void aCompletionCutShortIsKeptForTheClientsNextHead() {
    assertEquals(Purge.KEEP, POLICY.purge(upload(100, 100, UploadState.Concat.NONE, null), LATER));
  }

  @Test
  void aPartialUploadNobodyJoinedIsPurgedEvenIfComplete() {
    assertEquals(
        Purge.RECORD_AND_BYTES,
        POLICY.purge(upload(100, 100, UploadState.Concat.PARTIAL, null), LATER));
  }
}
