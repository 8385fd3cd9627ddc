package org.sinfonia.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsBlobStoreTest {

  @TempDir Path root;

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static Blob store(FsBlobStore store, byte[] data, int chunk) throws Exception {
    try (BlobWriter w = store.create()) {
      for (int off = 0; off < data.length; off += chunk) {
        w.write(ByteBuffer.wrap(data, off, Math.min(chunk, data.length - off)));
        if (off % (chunk * 4) == 0) {
          w.syncSoFar();
        }
      }
      return w.commit();
    }
  }

  private long temporaries() throws Exception {
    try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
      return s.count();
    }
  }

  @Test
  void contentIsAddressedBySha256AndReadableAfterCommit() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    byte[] data = random(1_000_003, 1);
    Blob blob = store(store, data, 65_536);
    assertEquals(sha256(data), blob.sha256());
    assertEquals(data.length, blob.size());
    assertTrue(store.exists(blob.sha256()));
    assertArrayEquals(data, Files.readAllBytes(store.path(blob.sha256())));
    assertEquals(0, temporaries(), "the temporary was renamed into place");
  }

  @Test
  void identicalContentIsStoredOnce() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    byte[] data = random(10_000, 2);
    Blob a = store(store, data, 1000);
    Blob b = store(store, data, 333);
    assertEquals(a, b);
    assertEquals(0, temporaries());
  }

  @Test
  void abortLeavesNothingAndCrashLeftoversAreRemoved() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    BlobWriter w = store.create();
    w.write(ByteBuffer.wrap(random(100, 3)));
    w.abort();
    assertEquals(0, temporaries());
    assertThrows(IllegalStateException.class, () -> w.write(ByteBuffer.allocate(1)));

    BlobWriter crashed = store.create();
    crashed.write(ByteBuffer.wrap(random(100, 4))); // never committed: as if the process died here
    assertEquals(1, temporaries());
    assertEquals(1, new FsBlobStore(root).removeTemporaries());
    assertEquals(0, temporaries());
  }

  @Test
  void emptyContentIsAValidBlob() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    Blob blob = store(store, new byte[0], 10);
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", blob.sha256());
    assertEquals(0, blob.size());
  }

  @Test
  void onlyHexDigestsNamePaths() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    assertThrows(IllegalArgumentException.class, () -> store.path("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> store.path("ABC"));
    store.checkWritable();
  }

  @Test
  void aRetiredBlobIsGoneFromItsAddressUntilRestored() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    byte[] data = random(5000, 7);
    Blob blob = store(store, data, 1000);
    assertTrue(store.retire(blob.sha256()));
    assertFalse(store.exists(blob.sha256()));
    assertEquals(java.util.List.of(blob.sha256()), store.retired());
    store.restore(blob.sha256());
    assertArrayEquals(data, Files.readAllBytes(store.path(blob.sha256())));
    assertTrue(store.retired().isEmpty());
    assertFalse(store.retire("0".repeat(64)), "nothing to retire");
  }

  @Test
  void restoringWhenTheContentWasStoredAgainKeepsOneCopy() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    byte[] data = random(3000, 8);
    Blob blob = store(store, data, 1000);
    assertTrue(store.retire(blob.sha256()));
    store(store, data, 700);
    store.restore(blob.sha256());
    assertArrayEquals(data, Files.readAllBytes(store.path(blob.sha256())));
    assertTrue(store.retired().isEmpty());
  }

  @Test
  void aPurgedBlobIsGoneForGood() throws Exception {
    FsBlobStore store = new FsBlobStore(root);
    Blob blob = store(store, random(100, 9), 100);
    assertTrue(store.retire(blob.sha256()));
    store.purgeRetired(blob.sha256());
    store.restore(blob.sha256());
    assertFalse(store.exists(blob.sha256()));
    assertTrue(store.retired().isEmpty());
  }
}
