package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A generated directory of files with mixed content: random, zeros, text, DICOM-like 16-bit
 * samples.
 */
final class TestTree {

  final Path root;

  /** Relative path -> content, for every regular file. */
  final Map<String, byte[]> files = new LinkedHashMap<>();

  private TestTree(Path root) {
    this.root = root;
  }

  static TestTree create(Path root, long seed) throws IOException {
    TestTree tree = new TestTree(root);
    Random random = new Random(seed);
    tree.put("readme.txt", "a small text file\n".repeat(20).getBytes(StandardCharsets.UTF_8));
    tree.put("empty.bin", new byte[0]);
    tree.put("study/series1/img0001.dcm", ctLike(random, 200_000));
    tree.put("study/series1/img0002.dcm", ctLike(random, 200_000));
    tree.put("study/series2/noise.raw", randomBytes(random, 300_001));
    tree.put("study/zeros.bin", new byte[1 << 20]);
    tree.put("Müller/Ärzte Übersicht.txt", "Grüße".getBytes(StandardCharsets.UTF_8));
    tree.put("deep/a/b/c/d/e/f/leaf.txt", "leaf".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(root.resolve("empty-dir"));
    return tree;
  }

  void put(String path, byte[] content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    files.put(path, content);
  }

  /** The sink holds exactly these files, byte for byte. */
  void assertExtracted(RecordingSink sink) {
    assertEquals(files.keySet(), sink.files.keySet());
    files.forEach(
        (path, content) -> {
          RecordingSink.StoredFile got = sink.files.get(path);
          assertNotNull(got, path);
          assertEquals(content.length, got.size(), path);
          assertEquals(sha256(content), got.sha256(), path);
        });
  }

  long totalBytes() {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }

  /** Bytes of {@code size} looking like CT pixel data: smooth anatomy, noise, an air border. */
  static byte[] ctLike(Random random, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i + 1 < size; i += 2) {
      int x = (i / 2) % 512;
      int y = (i / 2) / 512 % 512;
      double r = Math.hypot(x - 256, y - 256);
      int v =
          r > 200
              ? 24 + random.nextInt(20)
              : 1064 + (int) (30 * Math.sin(x / 13.0) * Math.cos(y / 17.0)) + random.nextInt(40);
      b[i] = (byte) v;
      b[i + 1] = (byte) (v >> 8);
    }
    return b;
  }

  static byte[] randomBytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Byte-for-byte comparison of two directory trees (regular files only). */
  static void assertSameFiles(Path expected, Path actual) throws IOException {
    try (Stream<Path> walk = Files.walk(expected)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        Path other = actual.resolve(expected.relativize(file).toString());
        assertEquals(-1L, Files.mismatch(file, other), "differs: " + other);
      }
    }
    try (Stream<Path> a = Files.walk(expected).filter(Files::isRegularFile);
        Stream<Path> b = Files.walk(actual).filter(Files::isRegularFile)) {
      assertEquals(a.count(), b.count(), "file count");
    }
  }
}
