package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Extracts into a directory, as unzip does (no fsync), for the benchmark: a file is written under a
 * temporary name and renamed into place only after its stream reached the end, so a refused entry
 * leaves nothing behind.
 */
final class DirectorySink implements EntrySink {

  private final Path root;
  private final byte[] buffer = new byte[256 * 1024];
  long files;
  long bytes;
  long skipped;

  DirectorySink(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
  }

  private Path resolve(List<String> path) {
    Path target = root;
    for (String segment : path) {
      target = target.resolve(segment); // segments are safe by construction; this checks it anyway
    }
    if (!target.normalize().startsWith(root)) {
      throw new IllegalStateException("escapes the target: " + path);
    }
    return target;
  }

  @Override
  public void directory(List<String> path) throws IOException {
    Files.createDirectories(resolve(path));
  }

  @Override
  public void file(List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException {
    Path target = resolve(path);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(temp)) {
      int n;
      while ((n = content.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        bytes += n;
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (modified != null) {
      Files.setLastModifiedTime(target, FileTime.from(modified));
    }
    files++;
  }

  @Override
  public void skipped(String rawName, ZipEntryProblem problem) {
    skipped++;
  }
}
