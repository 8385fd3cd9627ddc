package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/**
 * The streamed writer, checked by Info-ZIP's unzip, by byte comparison and by this package's own
 * reader.
 */
class ZipStreamWriterTest {

  @TempDir Path dir;

  /** Writes through a stream that cannot seek, as an HTTP response. */
  private interface Body {
    void write(ZipStreamWriter writer) throws IOException;
  }

  private Path write(String name, int level, Body body) throws IOException {
    Path zip = dir.resolve(name);
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip));
        OutputStream out = new Bombs.NonSeekable(file)) {
      ZipStreamWriter writer = new ZipStreamWriter(out, level);
      body.write(writer);
    }
    return zip;
  }

  private static void addTree(ZipStreamWriter writer, TestTree tree) throws IOException {
    writer.addDirectory("empty-dir");
    for (Map.Entry<String, byte[]> file : tree.files.entrySet()) {
      Path source = tree.root.resolve(file.getKey());
      try (InputStream in = Files.newInputStream(source)) {
        writer.addFile(
            file.getKey(), Files.size(source), Files.getLastModifiedTime(source).toInstant(), in);
      }
    }
  }

  @Test
  void aGeneratedTreeRoundTripsThroughUnzip() throws Exception {
    TestTree tree = TestTree.create(Files.createDirectories(dir.resolve("tree")), 13);
    Instant old = Instant.parse("2021-06-15T10:20:30Z");
    Files.setLastModifiedTime(tree.root.resolve("readme.txt"), FileTime.from(old));
    Path zip =
        write(
            "tree.zip",
            ZipStreamWriter.DEFAULT_LEVEL,
            writer -> {
              addTree(writer, tree);
              writer.finish();
            });

    String test = Tools.run(dir, "unzip", "-t", zip.toString());
    assertTrue(test.contains("No errors detected"), test);
    Path out = dir.resolve("out");
    Tools.run(dir, "unzip", "-q", zip.toString(), "-d", out.toString());
    TestTree.assertSameFiles(tree.root, out);
    assertTrue(Files.isDirectory(out.resolve("empty-dir")));
    assertEquals(old, Files.getLastModifiedTime(out.resolve("readme.txt")).toInstant());

    for (Mode mode : Mode.values()) { // and this package reads its own output, streamed too
      RecordingSink sink = new RecordingSink();
      assertEquals(
          Outcome.COMPLETED,
          mode.extract(new ZipExtractor(ZipLimits.defaults()), zip, sink).outcome());
      tree.assertExtracted(sink);
    }
    int files = 0; // as does the JDK's own streaming reader
    try (ZipInputStream jdk = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = jdk.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          assertArrayEquals(tree.files.get(entry.getName()), jdk.readAllBytes(), entry.getName());
          files++;
        }
      }
    }
    assertEquals(tree.files.size(), files);
  }

  @Test
  void entriesAreUtf8FlaggedDeflatedWithDescriptorsAndLevelZeroAddsAlmostNothing()
      throws Exception {
    byte[] noise = TestTree.randomBytes(new java.util.Random(4), 3_000_000);
    Path zip =
        write(
            "entries.zip",
            ZipStreamWriter.DEFAULT_LEVEL,
            writer -> {
              writer.addFile("日本語/画像.dcm", noise.length, null, new ByteArrayInputStream(noise));
              writer.addFile("empty.txt", 0, null, InputStream.nullInputStream());
              writer.finish();
            });

    try (ZipFile read = ZipFile.builder().setPath(zip).get()) {
      ZipArchiveEntry image = read.getEntry("日本語/画像.dcm");
      assertTrue(image.getGeneralPurposeBit().usesUTF8ForNames());
      assertTrue(image.getGeneralPurposeBit().usesDataDescriptor());
      assertEquals(ZipArchiveEntry.DEFLATED, image.getMethod());
      assertTrue(
          image.getCompressedSize() <= noise.length + noise.length / 2048 + 64,
          "level 0 overhead: " + (image.getCompressedSize() - noise.length));
      ZipArchiveEntry empty = read.getEntry("empty.txt");
      assertEquals(ZipArchiveEntry.STORED, empty.getMethod());
      assertTrue(!empty.getGeneralPurposeBit().usesDataDescriptor());
      try (InputStream in = read.getInputStream(image)) {
        assertArrayEquals(noise, in.readAllBytes());
      }
    }
  }

  @Test
  void duplicatePathsAreNumbered() throws Exception {
    Path zip =
        write(
            "dups.zip",
            1,
            writer -> {
              for (String content : new String[] {"first", "second", "third"}) {
                byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                writer.addFile(
                    "study/report.txt", bytes.length, null, new ByteArrayInputStream(bytes));
              }
              writer.addDirectory("study");
              writer.addDirectory("study/");
              writer.finish();
            });

    Path out = dir.resolve("dups");
    Tools.run(dir, "unzip", "-q", zip.toString(), "-d", out.toString());
    assertEquals("first", Files.readString(out.resolve("study/report.txt")));
    assertEquals("second", Files.readString(out.resolve("study/report (2).txt")));
    assertEquals("third", Files.readString(out.resolve("study/report (3).txt")));
    try (ZipFile read = ZipFile.builder().setPath(zip).get()) {
      assertEquals(4, Collections.list(read.getEntries()).size(), "the directory is written once");
    }
  }

  @Test
  void moreThan65535EntriesSwitchOnZip64() throws Exception {
    int count = 70_000;
    byte[] x = {'x'};
    Path zip =
        write(
            "zip64.zip",
            ZipStreamWriter.DEFAULT_LEVEL,
            writer -> {
              for (int i = 0; i < count; i++) {
                writer.addFile(
                    String.format("d%02d/f%05d.txt", i % 50, i),
                    1,
                    null,
                    new ByteArrayInputStream(x));
              }
              writer.finish();
            });

    String test = Tools.run(dir, "unzip", "-tq", zip.toString());
    assertTrue(test.contains("No errors detected"), test);
    try (FileChannel channel = FileChannel.open(zip)) {
      CentralDirectoryEnd end = CentralDirectoryEnd.read(channel);
      assertTrue(end.zip64());
      assertEquals(count, end.entries());
    }
    assertEquals(count, new ZipListing(ZipLimits.defaults()).list(zip).files());
  }

  @Test
  void contentOfTheWrongLengthBreaksTheArchiveOnPurpose() throws Exception {
    Path zip = dir.resolve("short.zip");
    try (OutputStream out = new Bombs.NonSeekable(Files.newOutputStream(zip))) {
      ZipStreamWriter writer = new ZipStreamWriter(out);
      writer.addFile("ok.txt", 2, null, new ByteArrayInputStream(new byte[] {'o', 'k'}));
      ApiError e =
          assertThrows(
              ApiError.class,
              () -> writer.addFile("short.bin", 100, null, new ByteArrayInputStream(new byte[10])));
      assertEquals("ZIP_SOURCE_SIZE", e.code());
      assertThrows(IllegalStateException.class, writer::finish);
      writer.close();
    }
    Tools.run(dir, 9, "unzip", "-tq", zip.toString()); // 9: no end record, not a complete zip file

    ByteArrayInputStream tooLong = new ByteArrayInputStream(new byte[11]);
    ZipStreamWriter writer = new ZipStreamWriter(OutputStream.nullOutputStream());
    assertEquals(
        "ZIP_SOURCE_SIZE",
        assertThrows(ApiError.class, () -> writer.addFile("long.bin", 10, null, tooLong)).code());
  }

  @Test
  void refusesUnsafePaths() {
    ZipStreamWriter writer = new ZipStreamWriter(OutputStream.nullOutputStream());
    for (String path : new String[] {"../x", "/etc/x", "a//b", "C:/x", "a\0b", "dir/"}) {
      ApiError e =
          assertThrows(
              ApiError.class,
              () -> writer.addFile(path, 0, null, InputStream.nullInputStream()),
              path);
      assertEquals("ZIP_INVALID_PATH", e.code());
    }
    assertThrows(ApiError.class, () -> writer.addDirectory("a/../../b"));
  }

  @Test
  void timestampsSurviveAtSecondPrecision() throws Exception {
    Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path zip =
        write(
            "time.zip",
            0,
            writer -> {
              writer.addFile("t.txt", 1, when, new ByteArrayInputStream(new byte[] {'t'}));
              writer.finish();
            });
    RecordingSink sink = new RecordingSink();
    Mode.STREAMING.extract(new ZipExtractor(ZipLimits.defaults()), zip, sink);
    assertEquals(when, sink.files.get("t.txt").modified());
  }
}
