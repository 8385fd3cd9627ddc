package org.sinfonia.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BlobStore} does, whatever holds the bytes; each implementation runs it. */
abstract class BlobStoreContract {

  @TempDir Path dir;
  BlobStore store;

  abstract BlobStore newStore(Path dir) throws IOException;

  @BeforeEach
  void open() throws IOException {
    store = newStore(dir);
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  Blob put(byte[] content) throws IOException {
    try (BlobWriter w = store.create()) {
      for (int at = 0; at < content.length; at += 10_000) {
        w.write(ByteBuffer.wrap(content, at, Math.min(10_000, content.length - at)));
      }
      return w.commit();
    }
  }

  @Test
  void storedBytesAreNamedByTheirSha256AndReadBackAtAnyPosition() throws Exception {
    byte[] content = random(300_000, 1);
    Blob blob = put(content);
    assertEquals(sha(content), blob.sha256());
    assertEquals(content.length, blob.size());
    assertTrue(store.exists(blob.sha256()));
    assertEquals(content.length, store.stat(blob.sha256()).orElseThrow().size());
    try (SeekableByteChannel ch = store.open(blob.sha256())) {
      assertEquals(content.length, ch.size());
      ByteBuffer middle = ByteBuffer.allocate(1000);
      ch.position(123_456).read(middle);
      byte[] expected = java.util.Arrays.copyOfRange(content, 123_456, 124_456);
      assertArrayEquals(expected, middle.array());
      ch.position(content.length);
      assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
    }
    try (InputStream range = store.openRange(blob.sha256(), 299_990, 10)) {
      assertArrayEquals(
          java.util.Arrays.copyOfRange(content, 299_990, 300_000), range.readAllBytes());
    }
    try (InputStream range = store.openRange(blob.sha256(), 5, 20)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(content, 5, 25), range.readAllBytes());
    }
  }

  @Test
  void theSameContentTwiceIsOneBlob() throws Exception {
    byte[] content = random(5000, 2);
    Blob a = put(content);
    Blob b = put(content);
    assertEquals(a, b);
    try (InputStream in = BlobSource.of(store, a.sha256()).stream()) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void anAbortedOrUnclosedWriterKeepsNothing() throws Exception {
    byte[] content = random(4000, 3);
    try (BlobWriter w = store.create()) {
      w.write(ByteBuffer.wrap(content));
      w.abort();
    }
    try (BlobWriter w = store.create()) {
      w.write(ByteBuffer.wrap(content));
    }
    assertFalse(store.exists(sha(content)));
    assertTrue(store.stat(sha(content)).isEmpty());
    assertThrows(IOException.class, () -> store.open(sha(content)));
  }

  @Test
  void retiredBlobsCanBePutBackOrPurged() throws Exception {
    Blob kept = put(random(1000, 4));
    Blob gone = put(random(1000, 5));
    assertTrue(store.retire(kept.sha256()));
    assertTrue(store.retire(gone.sha256()));
    assertFalse(store.exists(kept.sha256()));
    assertEquals(2, store.retired().size());
    store.restore(kept.sha256());
    store.purgeRetired(gone.sha256());
    assertTrue(store.exists(kept.sha256()));
    assertFalse(store.exists(gone.sha256()));
    assertTrue(store.retired().isEmpty());
    assertFalse(store.retire(gone.sha256()));
  }

  @Test
  void aFinishedLocalFileIsAdoptedUnderItsAddress() throws Exception {
    byte[] content = random(70_000, 6);
    Path file = Files.write(dir.resolve("upload.part"), content);
    Blob blob = store.adopt(file, sha(content), content.length);
    assertEquals(sha(content), blob.sha256());
    assertFalse(Files.exists(file));
    try (InputStream in = store.openRange(blob.sha256(), 0, content.length)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void addressesThatAreNotSha256AreRefused() {
    assertThrows(IllegalArgumentException.class, () -> store.exists("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> store.open("ABC"));
  }

  @Test
  void aWritableStorePassesItsHealthCheck() throws IOException {
    store.checkWritable();
  }
}
