package org.sinfonia.core.render.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * The previewer's attribute list: names, numbers, private creators, nesting, bulk data summaries.
 */
class TagListModelTest {

  @TempDir Path dir;

  @Test
  void rowsForEveryKindOfValue() throws Exception {
    Files.write(dir.resolve("pixels.raw"), new byte[64 * 64 * 2]);
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0008,0005)", "CS", "ISO_IR 192")
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.2")
            .sequence(
                "(0008,1115)",
                item ->
                    item.text("(0020,000e)", "UI", "2.25.1")
                        .text("(0029,0010)", "LO", "ACME NESTED")
                        .text("(0029,1001)", "LO", "inner private"))
            .text("(0009,0010)", "LO", "ACME 1.0")
            .text("(0009,1001)", "LO", "private text")
            .text("(0010,0010)", "PN", "Doe^John^W^Dr.^Jr.=ドウ^ジョン", StandardCharsets.UTF_8)
            .raw("(0018,9219)", "SS", "-5\\7")
            .raw("(0020,9165)", "AT", "(0018,0050)\\(0020,0032)")
            .raw("(0042,0011)", "OB", "25\\50\\44\\46")
            .raw(
                "(0400,0115)",
                "OB",
                "01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12")
            .raw("(0028,0010)", "US", "64")
            .raw("(7fe0,0010)", "OW", "=pixels.raw");
    Files.write(dir.resolve("tags.txt"), dump.toBytes());
    Dcmtk.run(dir, List.of("dump2dcm", "-q", "tags.txt", "tags.dcm"));
    List<TagListEntry> rows =
        new TagListModel()
            .of(DicomHeaderReader.read(dir.resolve("tags.dcm"), DicomParserOptions.defaults()));

    TagListEntry sequence = row(rows, "(0008,1115)");
    assertEquals("ReferencedSeriesSequence", sequence.keyword());
    assertEquals("Referenced Series Sequence", sequence.name());
    assertEquals("1 item", sequence.value());
    TagListEntry nestedPrivate = row(sequence.items().get(0), "(0029,1001)");
    assertEquals("ACME NESTED", nestedPrivate.privateCreator());
    assertEquals("", nestedPrivate.keyword());

    assertEquals("PrivateCreator", row(rows, "(0009,0010)").keyword());
    assertEquals("", row(rows, "(0009,1001)").name());
    assertEquals("ACME 1.0", row(rows, "(0009,1001)").privateCreator());
    assertNull(row(rows, "(0010,0010)").privateCreator());
    assertEquals("Dr. John W Doe, Jr. = ジョン ドウ", row(rows, "(0010,0010)").value());
    assertEquals("-5\\7", row(rows, "(0018,9219)").value());
    assertEquals("(0018,0050)\\(0020,0032)", row(rows, "(0020,9165)").value());
    assertTrue(
        row(rows, "(0042,0011)").value().matches("OB, 4 bytes at offset \\d+"), "always bulk data");
    assertEquals(
        "OB, 18 bytes: 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 ...",
        row(rows, "(0400,0115)").value());
    assertEquals("64", row(rows, "(0028,0010)").value());
    TagListEntry pixels = row(rows, "(7FE0,0010)");
    assertTrue(pixels.value().matches("OW, 8192 bytes at offset \\d+"), pixels.value());
    assertTrue(
        rows.stream().anyMatch(entry -> entry.tag().equals("(0002,0010)")), "file meta is listed");
  }

  @Test
  void longTextIsCut() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      values.append(i == 0 ? "" : "\\").append(i).append(".5");
    }
    Files.write(
        dir.resolve("long.txt"),
        new DumpBuilder().text("(3006,0050)", "DS", values.toString()).toBytes());
    Dcmtk.run(dir, List.of("dump2dcm", "-q", "+l", "100000", "long.txt", "long.dcm"));
    String value =
        new TagListModel()
                .of(DicomHeaderReader.read(dir.resolve("long.dcm"), DicomParserOptions.defaults()))
                .stream()
                .filter(entry -> entry.tag().equals("(3006,0050)"))
                .findFirst()
                .orElseThrow()
                .value();
    assertTrue(
        value.startsWith("0.5\\1.5\\2.5") && value.endsWith("... (300 values, 1689 characters)"),
        value);
    assertTrue(value.length() < TagValueText.MAX_CHARS + 40);
  }

  private static TagListEntry row(List<TagListEntry> rows, String tag) {
    return rows.stream()
        .filter(entry -> entry.tag().equalsIgnoreCase(tag))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + tag + " in " + rows));
  }
}
