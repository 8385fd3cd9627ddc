package org.sinfonia.core.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sinfonia.core.error.ApiError;

/**
 * Blobs held in memory, for tests and throw-away demonstration nodes: nothing survives a restart.
 * The store is bounded ({@code storage.memoryMaxBytes}); a write that would pass the bound fails
 * with {@code STORAGE_FULL} and keeps nothing. It also proves that no reader depends on blobs being
 * files.
 */
public final class MemoryBlobStore implements BlobStore {

  private final ConcurrentHashMap<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, byte[]> retired = new ConcurrentHashMap<>();

  /** Bytes held by stored and retired blobs and by writers still open. */
  private final AtomicLong used = new AtomicLong();

  private final long maxBytes;

  public MemoryBlobStore(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("storage.memoryMaxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  public long usedBytes() {
    return used.get();
  }

  @Override
  public BlobWriter create() {
    return new Writer();
  }

  @Override
  public SeekableByteChannel open(String sha256) throws IOException {
    byte[] bytes = blobs.get(FsBlobStore.checked(sha256));
    if (bytes == null) {
      throw new java.nio.file.NoSuchFileException("blob " + sha256);
    }
    return new ByteArrayChannel(bytes);
  }

  @Override
  public Optional<Blob> stat(String sha256) {
    byte[] bytes = blobs.get(FsBlobStore.checked(sha256));
    return bytes == null ? Optional.empty() : Optional.of(new Blob(sha256, bytes.length));
  }

  @Override
  public boolean exists(String sha256) {
    return blobs.containsKey(FsBlobStore.checked(sha256));
  }

  @Override
  public Blob adopt(Path file, String sha256, long size) throws IOException {
    FsBlobStore.checked(sha256);
    try (BlobWriter writer = create();
        InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[64 * 1024];
      for (int n; (n = in.read(chunk)) > 0; ) {
        writer.write(ByteBuffer.wrap(chunk, 0, n));
      }
      if (writer.size() != size) {
        throw new IOException(
            file + " holds " + writer.size() + " bytes, not the " + size + " announced");
      }
      Blob blob = writer.commit();
      if (!blob.sha256().equals(sha256)) {
        throw new IOException(file + " does not have the SHA-256 it was adopted under");
      }
      Files.delete(file);
      return blob;
    }
  }

  @Override
  public boolean retire(String sha256) {
    byte[] bytes = blobs.remove(FsBlobStore.checked(sha256));
    if (bytes == null) {
      return false;
    }
    if (retired.putIfAbsent(sha256, bytes) != null) {
      used.addAndGet(-bytes.length);
    }
    return true;
  }

  @Override
  public void restore(String sha256) {
    byte[] bytes = retired.remove(FsBlobStore.checked(sha256));
    if (bytes != null && blobs.putIfAbsent(sha256, bytes) != null) {
      used.addAndGet(-bytes.length); // the same content was stored again meanwhile
    }
  }

  @Override
  public void purgeRetired(String sha256) {
    byte[] bytes = retired.remove(FsBlobStore.checked(sha256));
    if (bytes != null) {
      used.addAndGet(-bytes.length);
    }
  }

  @Override
  public List<String> retired() {
    return new ArrayList<>(retired.keySet());
  }

  @Override
  public int removeTemporaries() {
    return 0; // nothing outlives the process
  }

  @Override
  public void checkWritable() throws IOException {
    if (used.get() >= maxBytes) {
      throw new IOException(
          "the in-memory blob store is full (storage.memoryMaxBytes = " + maxBytes + ")");
    }
  }

  private ApiError full() {
    return ApiError.insufficientStorage(
        "STORAGE_FULL",
        "the in-memory blob store is full (storage.memoryMaxBytes = %d bytes): nothing of this file was kept",
        maxBytes);
  }

  /** Collects one blob's bytes, reserving them against the bound as they arrive. */
  private final class Writer implements BlobWriter {

    private final MessageDigest sha256;
    private byte[] bytes = new byte[8 * 1024];
    private int size;
    private boolean done;

    Writer() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime provides SHA-256", e);
      }
    }

    @Override
    public void write(ByteBuffer src) {
      if (done) {
        throw new IllegalStateException("writer already committed or aborted");
      }
      int n = src.remaining();
      if ((long) size + n > Integer.MAX_VALUE - 8) {
        abort();
        throw ApiError.tooLarge(
            "FILE_TOO_LARGE", "the in-memory blob store holds files of up to 2 GiB");
      }
      if (used.addAndGet(n) > maxBytes) {
        used.addAndGet(-n);
        abort();
        throw full();
      }
      if (size + n > bytes.length) {
        bytes =
            java.util.Arrays.copyOf(
                bytes,
                (int)
                    Math.min(
                        Integer.MAX_VALUE - 8, Math.max((long) bytes.length * 2, (long) size + n)));
      }
      sha256.update(src.duplicate());
      src.get(bytes, size, n);
      size += n;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void syncSoFar() {
      // memory has nothing to sync
    }

    @Override
    public Blob commit() {
      if (done) {
        throw new IllegalStateException("writer already committed or aborted");
      }
      done = true;
      String address = HexFormat.of().formatHex(sha256.digest());
      byte[] content = java.util.Arrays.copyOf(bytes, size);
      bytes = null;
      if (blobs.putIfAbsent(address, content) != null) {
        used.addAndGet(-size); // identical content is already stored
      }
      return new Blob(address, size);
    }

    @Override
    public void abort() {
      if (!done) {
        done = true;
        used.addAndGet(-size);
        bytes = null;
      }
    }

    @Override
    public void close() {
      abort();
    }
  }
}
