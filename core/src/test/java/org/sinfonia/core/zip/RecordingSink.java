package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that remembers everything it is told, keeps file content digests (and small contents),
 * commits a file only when its stream reached the end, and fails the test the moment a path is
 * anything but safe segments.
 */
class RecordingSink implements EntrySink {

  /** A file the sink committed. */
  record StoredFile(
      String path,
      long size,
      String sha256,
      byte[] content,
      long declaredSize,
      Instant modified,
      boolean nested) {}

  /** An entry the sink was told about as skipped. */
  record Skip(String rawName, ZipEntryProblem.Reason reason) {}

  private static final Path ROOT = Path.of("/target/root");
  private static final int KEEP = 1 << 20;

  final List<String> directories = new ArrayList<>();
  final Map<String, StoredFile> files = new LinkedHashMap<>();
  final List<StoredFile> fileOrder = new ArrayList<>();
  final List<Skip> skipped = new ArrayList<>();

  /** Bytes handed to the sink, whether committed or not: what a bomb managed to produce. */
  long bytesSeen;

  int fileCalls;
  int discarded;
  private int failAfterFiles = -1;

  /** Makes the sink throw its own storage failure when asked to store file number {@code n + 1}. */
  RecordingSink failAfterFiles(int n) {
    failAfterFiles = n;
    return this;
  }

  @Override
  public void directory(List<String> path) {
    assertSafe(path);
    directories.add(String.join("/", path));
  }

  @Override
  public void file(List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException {
    store(path, content, declaredSize, modified, false);
  }

  @Override
  public void nestedArchive(
      List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException {
    store(path, content, declaredSize, modified, true);
  }

  @Override
  public void skipped(String rawName, ZipEntryProblem problem) {
    skipped.add(new Skip(rawName, problem.reason()));
  }

  List<ZipEntryProblem.Reason> reasons() {
    return skipped.stream().map(Skip::reason).toList();
  }

  private void store(
      List<String> path, InputStream content, long declaredSize, Instant modified, boolean nested)
      throws IOException {
    assertSafe(path);
    if (failAfterFiles >= 0 && fileCalls >= failAfterFiles) {
      throw new IOException("storage failed (test)");
    }
    fileCalls++;
    MessageDigest sha = sha256();
    byte[] buffer = new byte[64 * 1024];
    java.io.ByteArrayOutputStream small = new java.io.ByteArrayOutputStream();
    long size = 0;
    try (content) {
      int n;
      while ((n = content.read(buffer)) >= 0) {
        sha.update(buffer, 0, n);
        if (size < KEEP) {
          small.write(buffer, 0, (int) Math.min(n, KEEP - size));
        }
        size += n;
        bytesSeen += n;
      }
    } catch (IOException e) {
      discarded++; // what a blob writer does: abort the uncommitted blob
      throw e;
    }
    StoredFile file =
        new StoredFile(
            String.join("/", path),
            size,
            HexFormat.of().formatHex(sha.digest()),
            size <= KEEP ? small.toByteArray() : null,
            declaredSize,
            modified,
            nested);
    files.put(file.path(), file);
    fileOrder.add(file);
  }

  static void assertSafe(List<String> path) {
    assertFalse(path.isEmpty(), "empty path");
    for (String segment : path) {
      assertFalse(
          segment.isEmpty() || segment.equals(".") || segment.equals(".."), "bad segment " + path);
      assertFalse(segment.contains("/") || segment.contains("\\"), "separator in segment " + path);
      for (char c : segment.toCharArray()) {
        if (c < 0x20 || c == 0x7f) {
          fail("control character in " + path);
        }
      }
    }
    assertFalse(path.get(0).length() >= 2 && path.get(0).charAt(1) == ':', "drive letter " + path);
    Path resolved = ROOT.resolve(String.join("/", path)).normalize();
    assertTrue(resolved.startsWith(ROOT), "escapes the target: " + path);
    assertEquals(path.size(), ROOT.relativize(resolved).getNameCount(), "path collapses: " + path);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
