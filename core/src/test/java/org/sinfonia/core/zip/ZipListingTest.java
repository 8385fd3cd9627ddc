package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

class ZipListingTest {

  @TempDir static Path dir;
  static TestTree tree;

  @BeforeAll
  static void tree() throws Exception {
    tree = TestTree.create(Files.createDirectories(dir.resolve("tree")), 5);
  }

  private static ZipNode child(ZipNode node, String name) {
    return node.children().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name + " not in " + node.children().stream().map(ZipNode::name).toList()));
  }

  @Test
  void listsATreeWithSizesFromTheCentralDirectory() throws Exception {
    Path zip = dir.resolve("tree.zip");
    Tools.run(tree.root, "zip", "-q", "-r", zip.toString(), ".");

    ZipTree listing = new ZipListing(ZipLimits.defaults()).list(zip);

    assertEquals(tree.files.size(), listing.files());
    assertEquals(tree.totalBytes(), listing.size());
    assertEquals(listing.size(), listing.root().size());
    assertTrue(listing.compressedSize() < listing.size());
    assertEquals(List.of(), listing.refused());
    ZipNode root = listing.root();
    assertEquals(
        List.of("deep", "empty-dir", "Müller", "study", "empty.bin", "readme.txt"),
        root.children().stream().map(ZipNode::name).toList(),
        "directories first, then files, by name");
    ZipNode study = child(root, "study");
    assertEquals(ZipNode.Kind.DIRECTORY, study.kind());
    assertEquals(200_000 * 2 + 300_001 + (1 << 20), study.size());
    assertNotNull(study.modified(), "an explicit directory entry carries a time");
    ZipNode img = child(child(study, "series1"), "img0001.dcm");
    assertEquals(200_000, img.size());
    assertEquals(ZipNode.Kind.FILE, img.kind());
    assertNull(img.problem());
    assertEquals(List.of(), img.children());
  }

  @Test
  void directoriesImpliedByFilesAppearWithoutATime() throws Exception {
    Path zip = dir.resolve("nodirs.zip");
    Tools.run(tree.root, "zip", "-q", "-r", "-D", zip.toString(), ".");
    ZipNode leafDir =
        child(
            child(child(new ZipListing(ZipLimits.defaults()).list(zip).root(), "deep"), "a"), "b");
    assertNull(leafDir.modified());
    assertEquals(ZipNode.Kind.DIRECTORY, leafDir.kind());
  }

  @Test
  void flagsWhatExtractionWouldSkip() throws Exception {
    ZipBytes zip = new ZipBytes();
    zip.add(ZipBytes.stored("ok.txt", text("ok")));
    zip.add(ZipBytes.stored("../evil.txt", text("evil")));
    zip.add(ZipBytes.stored("secret.bin", text("secret")).flags(1));
    zip.add(ZipBytes.stored("link", text("/etc/passwd")).symlink());
    Path file = Files.write(dir.resolve("flags.zip"), zip.finish());

    ZipTree listing = new ZipListing(ZipLimits.defaults()).list(file);

    assertEquals(4, listing.entries());
    assertEquals(1, listing.refusedCount());
    assertEquals("../evil.txt", listing.refused().get(0).rawName());
    assertEquals(Reason.UNSAFE_PATH, listing.refused().get(0).problem().reason());
    assertEquals(Reason.ENCRYPTED, child(listing.root(), "secret.bin").problem().reason());
    ZipNode link = child(listing.root(), "link");
    assertEquals(ZipNode.Kind.SYMLINK, link.kind());
    assertEquals(Reason.SYMLINK, link.problem().reason());
  }

  @Test
  void corruptArchivesGiveAClearError() throws Exception {
    Path zip = dir.resolve("whole.zip");
    Tools.run(tree.root, "zip", "-q", "-r", zip.toString(), ".");
    byte[] bytes = Files.readAllBytes(zip);
    Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length - 100));
    Path garbage = Files.write(dir.resolve("garbage.zip"), text("PK but not really".repeat(100)));
    byte[] badDirectory = bytes.clone();
    int cd = indexOf(badDirectory, new byte[] {'P', 'K', 1, 2});
    badDirectory[cd + 3] = 9; // break the first central record's signature
    Path broken = Files.write(dir.resolve("broken-cd.zip"), badDirectory);

    for (Path file : List.of(cut, garbage, broken)) {
      ApiError e =
          assertThrows(ApiError.class, () -> new ZipListing(ZipLimits.defaults()).list(file));
      assertEquals("ZIP_CORRUPT", e.code(), file + ": " + e.getMessage());
      assertEquals(ApiError.Kind.BAD_REQUEST, e.kind());
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
