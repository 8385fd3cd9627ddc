package org.sinfonia.core.dicom.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.Vr;

/**
 * The rewriter against dcmtk: identity rewrites of defined- and undefined-length files, native and
 * encapsulated pixel data, edits of nested and top-level attributes, chunking independence.
 */
class DicomStreamRewriterTest {

  @TempDir Path dir;

  @BeforeAll
  static void dcmtkInstalled() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
  }

  private List<Path> inputs() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(WriterFixtures.dump2dcm(dir, "defined", WriterFixtures.nestedDump(dir)));
    files.add(WriterFixtures.dump2dcm(dir, "undefined", WriterFixtures.nestedDump(dir), "-e"));
    files.add(WriterFixtures.dump2dcm(dir, "grouplengths", WriterFixtures.nestedDump(dir), "+g"));
    files.add(WriterFixtures.dump2dcm(dir, "implicit", WriterFixtures.nestedDump(dir), "+ti"));
    files.add(WriterFixtures.dump2dcm(dir, "bigendian", WriterFixtures.nestedDump(dir), "+tb"));
    files.add(WriterFixtures.jpegFile(dir));
    return files;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void identityRewriteReadsTheSameInDcmdumpAndKeepsBulkBytes() throws Exception {
    for (Path input : inputs()) {
      byte[] original = Files.readAllBytes(input);
      byte[] rewritten = WriterFixtures.rewrite(original, DicomEditor.identity(), 64 * 1024, 0);
      Path output = write(input.getFileName() + ".out.dcm", rewritten);
      assertEquals(
          WriterFixtures.normalizedDump(dir, input),
          WriterFixtures.normalizedDump(dir, output),
          input.getFileName().toString());
      assertEquals(
          WriterFixtures.bulkHashes(original),
          WriterFixtures.bulkHashes(rewritten),
          "bulk values of " + input.getFileName());
      assertTrue(!WriterFixtures.bulkHashes(original).isEmpty());
      WriterFixtures.Run conv =
          WriterFixtures.run(
              dir, List.of("dcmconv", output.toString(), dir.resolve("conv.dcm").toString()));
      assertEquals(0, conv.exit(), conv.err());
      assertEquals("", conv.err(), "dcmconv warnings");
    }
  }

  @Test
  void oneByteAndRandomChunksGiveTheSameOutput() throws Exception {
    for (Path input : inputs()) {
      byte[] original = Files.readAllBytes(input);
      byte[] whole = WriterFixtures.rewrite(original, editor(), original.length, 0);
      assertArrayEquals(whole, WriterFixtures.rewrite(original, editor(), 1, 0), "1-byte chunks");
      for (long seed = 1; seed <= 5; seed++) {
        assertArrayEquals(
            whole, WriterFixtures.rewrite(original, editor(), 0, seed), "random chunks " + seed);
      }
    }
  }

  /** Removes a nested attribute, lengthens PatientName, replaces a nested UID, adds two. */
  private static DicomEditor editor() {
    return new DicomEditor() {
      @Override
      public Edit edit(DicomPath path, org.sinfonia.core.dicom.ElementHeader header, byte[] value) {
        if (path.matches(0x00081115, 0x0008114A, 0x00081150)) {
          return Edit.REMOVE;
        }
        if (path.matches(0x00100010)) {
          return Edit.replaceString("Anonymous^Patient^X");
        }
        if (path.matches(0x00081115, 0x00081155) && path.itemIndex(0) == 1) {
          return Edit.replaceString("2.25.12345");
        }
        return Edit.KEEP;
      }

      @Override
      public List<Addition> additions(DicomPath item) {
        if (item.equals(DicomPath.ROOT)) {
          return List.of(
              Addition.string(0x00120062, Vr.CS, "YES"),
              Addition.string(0x00100020, Vr.LO, "ANON-7"));
        }
        if (item.toString().equals("(0008,1115)[0]")) {
          return List.of(Addition.string(0x00081160, Vr.IS, "3"));
        }
        return List.of();
      }
    };
  }

  @Test
  void editsShowExactlyInDcmdump() throws Exception {
    Path input = WriterFixtures.dump2dcm(dir, "edit", WriterFixtures.nestedDump(dir));
    byte[] original = Files.readAllBytes(input);
    Path output = write("edited.dcm", WriterFixtures.rewrite(original, editor(), 997, 0));
    List<String> before = WriterFixtures.normalizedDump(dir, input);
    List<String> after = WriterFixtures.normalizedDump(dir, output);
    List<String> removed = new ArrayList<>(before);
    removed.removeAll(after);
    List<String> added = new ArrayList<>(after);
    added.removeAll(before);
    assertEquals(
        List.of(
            "(0008,1150) UI =MRImageStorage",
            "(0008,1155) UI [1.2.3.99.3]",
            "(0010,0010) PN [Doe^Jon ]",
            "(0010,0020) LO [ABC ]"),
        removed.stream().map(String::strip).toList());
    assertEquals(
        List.of(
            "(0008,1160) IS [3 ]",
            "(0008,1155) UI [2.25.12345]",
            "(0010,0010) PN [Anonymous^Patient^X ]",
            "(0010,0020) LO [ANON-7]",
            "(0012,0062) CS [YES ]"),
        added.stream().map(String::strip).toList());
    assertEquals(
        WriterFixtures.bulkHashes(original),
        WriterFixtures.bulkHashes(Files.readAllBytes(output)),
        "pixel data untouched");
  }
}
