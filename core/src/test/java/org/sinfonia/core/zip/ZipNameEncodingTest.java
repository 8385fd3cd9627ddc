package org.sinfonia.core.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entry names in CP437 (no flag), UTF-8 (bit 11), UTF-8 via the Info-ZIP Unicode Path field, and
 * raw UTF-8 as Info-ZIP writes on Linux: every mode and the listing read them the same way.
 */
class ZipNameEncodingTest {

  @TempDir Path dir;

  private Path write(
      String file,
      String encoding,
      boolean flag,
      ZipArchiveOutputStream.UnicodeExtraFieldPolicy extra,
      List<String> names)
      throws Exception {
    Path zip = dir.resolve(file);
    try (OutputStream out = Files.newOutputStream(zip);
        ZipArchiveOutputStream writer = new ZipArchiveOutputStream(new Bombs.NonSeekable(out))) {
      writer.setEncoding(encoding);
      writer.setUseLanguageEncodingFlag(flag);
      writer.setCreateUnicodeExtraFields(extra);
      for (String name : names) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipArchiveEntry.STORED);
        entry.setSize(1);
        entry.setCrc(ZipBytes.crc(new byte[] {'x'}));
        writer.putArchiveEntry(entry);
        writer.write('x');
        writer.closeArchiveEntry();
      }
    }
    return zip;
  }

  private static Set<String> extracted(Mode mode, Path zip) throws Exception {
    RecordingSink sink = new RecordingSink();
    mode.extract(new ZipExtractor(ZipLimits.defaults()), zip, sink);
    assertEquals(List.of(), sink.skipped);
    return new TreeSet<>(sink.files.keySet());
  }

  private static Set<String> listed(Path zip) throws Exception {
    Set<String> names = new TreeSet<>();
    collect(new ZipListing(ZipLimits.defaults()).list(zip).root(), "", names);
    return names;
  }

  private static void collect(ZipNode node, String prefix, Set<String> into) {
    for (ZipNode child : node.children()) {
      String path = prefix + child.name();
      if (child.kind() == ZipNode.Kind.DIRECTORY) {
        collect(child, path + "/", into);
      } else {
        into.add(path);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cp437WithoutTheFlag(Mode mode) throws Exception {
    List<String> names = List.of("Müller.txt", "café/niño.txt", "box─┼╗.txt", "αΣ.txt");
    Path zip =
        write(
            "cp437.zip",
            "IBM437",
            false,
            ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER,
            names);
    assertEquals(new TreeSet<>(names), extracted(mode, zip));
    assertEquals(new TreeSet<>(names), listed(zip));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void utf8WithTheLanguageEncodingFlag(Mode mode) throws Exception {
    List<String> names = List.of("日本語/画像.dcm", "Ελληνικά.txt", "emoji-😀.txt");
    Path zip =
        write(
            "utf8.zip", "UTF-8", true, ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER, names);
    assertEquals(new TreeSet<>(names), extracted(mode, zip));
    assertEquals(new TreeSet<>(names), listed(zip));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void utf8FromTheUnicodePathExtraField(Mode mode) throws Exception {
    // The CP437 name field cannot hold these; the 0x7075 field carries them.
    List<String> names = List.of("日本.txt", "Żółć.txt");
    Path zip =
        write(
            "extra.zip",
            "IBM437",
            false,
            ZipArchiveOutputStream.UnicodeExtraFieldPolicy.ALWAYS,
            names);
    assertEquals(new TreeSet<>(names), extracted(mode, zip));
    assertEquals(new TreeSet<>(names), listed(zip));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void rawUtf8FromInfoZipOnLinux(Mode mode) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("Müller Ärzte.txt"), "x");
    Files.createDirectories(src.resolve("Café"));
    Files.writeString(src.resolve("Café/naïve.txt"), "x");
    Path zip = dir.resolve("infozip.zip");
    Tools.run(src, "zip", "-q", "-r", zip.toString(), ".");
    assertEquals(Set.of("Café/naïve.txt", "Müller Ärzte.txt"), extracted(mode, zip));
    assertEquals(Set.of("Café/naïve.txt", "Müller Ärzte.txt"), listed(zip));
  }

  @Test
  void invalidUtf8WithoutTheFlagIsCp437() throws Exception {
    // 0x81 0x82: "üé" in CP437, and not valid UTF-8.
    ZipBytes zip = new ZipBytes();
    zip.add(
        ZipBytes.stored("x", new byte[] {'x'})
            .rawName(new byte[] {'a', (byte) 0x81, (byte) 0x82, '.', 't'}));
    Path file = Files.write(dir.resolve("cp437-raw.zip"), zip.finish());
    assertEquals(Set.of("aüé.t"), extracted(Mode.RANDOM_ACCESS, file));
    assertEquals(Set.of("aüé.t"), extracted(Mode.STREAMING, file));
  }
}
