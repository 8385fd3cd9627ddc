package org.sinfonia.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.error.ApiError;

class MemoryBlobStoreTest extends BlobStoreContract {

  private static final long BOUND = 1 << 20;

  @Override
  BlobStore newStore(Path dir) {
    return new MemoryBlobStore(BOUND);
  }

  @Test
  void aWritePastTheBoundFailsAsStorageFullAndKeepsNothing() throws Exception {
    MemoryBlobStore memory = (MemoryBlobStore) store;
    put(random(600_000, 7));
    long before = memory.usedBytes();
    byte[] big = random(600_000, 8);
    BlobWriter w = memory.create();
    ApiError e = assertThrows(ApiError.class, () -> w.write(ByteBuffer.wrap(big)));
    assertEquals("STORAGE_FULL", e.code());
    assertEquals(before, memory.usedBytes(), "the refused write reserved nothing");
    assertFalse(memory.exists(sha(big)));
    put(random(100_000, 9)); // what fits still goes in
    assertTrue(memory.usedBytes() <= BOUND);
  }

  @Test
  void deduplicatedAndPurgedContentIsNotCountedTwice() throws Exception {
    MemoryBlobStore memory = (MemoryBlobStore) store;
    byte[] content = random(10_000, 10);
    Blob blob = put(content);
    put(content);
    assertEquals(10_000, memory.usedBytes());
    memory.retire(blob.sha256());
    memory.purgeRetired(blob.sha256());
    assertEquals(0, memory.usedBytes());
  }
}
