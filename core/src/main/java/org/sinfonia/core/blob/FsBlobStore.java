package org.sinfonia.core.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blob store on a local (or shared POSIX) file system: {@code blobs/ab/cd/abcd...} for committed
 * content, {@code tmp/} for writes in progress, {@code retired/} for blobs on their way out. All
 * live on the same file system so every move is an atomic rename.
 */
public final class FsBlobStore implements BlobStore {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  static final String TEMP_SUFFIX = ".part";

  private final Path blobs;
  private final Path tmp;
  private final Path retired;

  public FsBlobStore(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("blobs"));
    this.tmp = Files.createDirectories(root.resolve("tmp"));
    this.retired = Files.createDirectories(root.resolve("retired"));
  }

  @Override
  public BlobWriter create() throws IOException {
    Path temp = tmp.resolve(UUID.randomUUID() + TEMP_SUFFIX);
    FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FsBlobWriter(this, temp, channel);
  }

  @Override
  public SeekableByteChannel open(String sha256) throws IOException {
    return FileChannel.open(path(sha256), StandardOpenOption.READ);
  }

  @Override
  public Optional<Blob> stat(String sha256) throws IOException {
    Path p = path(sha256);
    try {
      return Optional.of(new Blob(sha256, Files.size(p)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Path> localFile(String sha256) {
    Path p = path(sha256);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * The address itself, refused unless it is a lower-case hex SHA-256 (so it can never name a
   * path).
   */
  static String checked(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
    return sha256;
  }

  /** Where a blob lives (or would live) in this store's tree. */
  public Path path(String sha256) {
    checked(sha256);
    return blobs.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  @Override
  public boolean exists(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  @Override
  public boolean retire(String sha256) throws IOException {
    try {
      Files.move(path(sha256), retired.resolve(sha256), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public void restore(String sha256) throws IOException {
    Path aside = retired.resolve(path(sha256).getFileName());
    if (!Files.exists(aside)) {
      return;
    }
    install(aside, sha256, Files.size(aside));
  }

  @Override
  public void purgeRetired(String sha256) throws IOException {
    Files.deleteIfExists(retired.resolve(path(sha256).getFileName()));
  }

  @Override
  public List<String> retired() throws IOException {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(retired)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (SHA256.matcher(name).matches()) {
          found.add(name);
        }
      }
    }
    return found;
  }

  /**
   * Takes over a complete file written elsewhere on this file system (a finished resumable upload)
   * by renaming it into place, never copying it. The caller has synced it and computed its SHA-256;
   * if the same content is already stored, the file is deleted instead.
   */
  @Override
  public Blob adopt(Path file, String sha256, long size) throws IOException {
    path(sha256); // validates the address before anything moves
    return install(file, sha256, size);
  }

  /** Where adopted files must live: the same file system as the blobs, so the rename is atomic. */
  /** Adoption is a rename, so the files must come from this store's file system. */
  @Override
  public void checkAdoptable(Path dir) throws IOException {
    if (!sameFileSystem(dir)) {
      throw new IOException(dir + " must be on the blob store's file system (" + blobs + ")");
    }
  }

  public boolean sameFileSystem(Path dir) throws IOException {
    return Files.getFileStore(dir).equals(Files.getFileStore(blobs));
  }

  /** Moves a fully written and synced temporary into place under its content address. */
  Blob install(Path temp, String sha256, long size) throws IOException {
    Path target = path(sha256);
    Path dir = Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      Files.deleteIfExists(temp); // identical content is already stored
      return new Blob(sha256, size);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp); // a concurrent writer stored the same content first
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("blob store temp and blob directories must share one file system", e);
    }
    syncDirectory(dir);
    return new Blob(sha256, size);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the rename is still atomic there.
    }
  }

  @Override
  public int removeTemporaries() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(tmp, "*" + TEMP_SUFFIX)) {
      for (Path p : stream) {
        if (Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  @Override
  public void checkWritable() throws IOException {
    Path probe = tmp.resolve("health-" + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
