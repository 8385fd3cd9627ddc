package org.sinfonia.verticles.preview;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where rendered previews persist: content-addressed files ({@code ab/cd/<sha256>}) under their own
 * root, written to {@code tmp/} and renamed into place. Unlike the repository's blob store nothing
 * here is synced: a preview can always be rendered again, and skipping two fsyncs per thumbnail
 * keeps the disk's journal free for the ingest that is usually running at the same time. A file a
 * crash left short is caught by the length check on read ({@link PreviewCache} renders it again).
 * Blocking: worker threads only.
 */
public final class PreviewStore {

  private final Path root;
  private final Path tmp;

  public PreviewStore(Path root) throws IOException {
    this.root = Files.createDirectories(root.resolve("blobs"));
    this.tmp = Files.createDirectories(root.resolve("tmp"));
    try (Stream<Path> leftovers = Files.list(tmp)) {
      for (Path p : leftovers.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public Path path(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256: " + sha256);
    }
    return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  /** Stores the bytes (once: identical content is already there) and returns their SHA-256. */
  public String write(byte[] bytes) throws IOException {
    String sha;
    try {
      sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path target = path(sha);
    if (Files.exists(target)) {
      return sha;
    }
    Files.createDirectories(target.getParent());
    Path temp = tmp.resolve(UUID.randomUUID() + ".part");
    Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException(
          "the preview store's tmp and blobs directories must share one file system", e);
    }
    return sha;
  }
}
