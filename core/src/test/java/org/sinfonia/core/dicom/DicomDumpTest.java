package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomDumpTest {

  @TempDir Path dir;

  @Test
  void oneFileIsAnObjectSeveralAnArrayAndBadFilesAreOneErrorLine() throws Exception {
    Path good = dir.resolve("good.dcm");
    Files.write(
        good,
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .explicit(DicomTags.PATIENT_ID, "LO", "P1")
            .explicitHeader(DicomTags.PIXEL_DATA, "OB", 2)
            .raw(new byte[2])
            .toBytes());
    Path truncated = dir.resolve("truncated.dcm");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 1));

    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    assertEquals(0, new DicomDump().run(List.of(good), out, err));
    assertTrue(out.toString().startsWith("{"), out.toString());
    assertTrue(out.toString().contains("\"00020010\""), "file meta is dumped");
    assertTrue(
        out.toString().contains(good.toUri() + "?offset=" + (bytes.length - 2) + "&length=2"),
        out.toString());
    assertEquals("", err.toString());

    out.setLength(0);
    assertEquals(
        1, new DicomDump().run(List.of(good, truncated, dir.resolve("missing.dcm")), out, err));
    assertTrue(out.toString().startsWith("[\n{"), out.toString());
    assertTrue(out.toString().endsWith("}\n]\n"), out.toString());
    String[] lines = err.toString().split("\n");
    assertEquals(2, lines.length, err.toString());
    assertEquals(
        truncated
            + ": error at offset "
            + (bytes.length - 1)
            + " ((7FE0,0010)): truncated: value ends after 1 of 2 bytes",
        lines[0]);
    assertTrue(
        lines[1].startsWith(dir.resolve("missing.dcm") + ": error at offset 0: cannot read"),
        lines[1]);
  }

  @Test
  void explicitVrUnOfUndefinedLengthIsDumpedAsASequence() throws Exception {
    Path file = dir.resolve("un.dcm");
    Files.write(
        file,
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .explicit(0x00090010, "LO", "PRIV")
            .explicitHeader(0x00091001, "UN", DatasetBytes.UNDEFINED)
            .item(DatasetBytes.UNDEFINED)
            .implicit(0x00091010, "ABCD")
            .itemEnd()
            .sequenceEnd()
            .explicit(DicomTags.PATIENT_ID, "LO", "P1")
            .toBytes());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    assertEquals(0, new DicomDump().run(List.of(file), out, err), err.toString());
    String json = out.toString().replaceAll("\\s", "");
    assertTrue(json.contains("\"00091001\":{\"vr\":\"SQ\",\"Value\":[{\"00091010\""), json);
    assertTrue(
        json.contains("\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P1\"]}"),
        "read on after it: " + json);
  }

  @Test
  void aFileWithoutInstanceUidsIsStillDumped() throws Exception {
    Path file = dir.resolve("no-uids.dcm");
    Files.write(
        file,
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .explicit(DicomTags.PATIENT_ID, "LO", "P1")
            .toBytes());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    assertEquals(0, new DicomDump().run(List.of(file), out, err), err.toString());
    assertTrue(
        out.toString().replaceAll("\\s", "").contains("\"00100020\":{\"vr\":\"LO\""),
        out.toString());
  }
}
