package org.sinfonia.core.dicom.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.dicom.Vr;

/**
 * The low-level writer: a fresh SEG-like data set with nested sequences and 1 MB of native pixel
 * data from a stream, read by dcmdump (no warnings), dcmconv and dcmodify; and the checks that make
 * a caller's bug or a bad value an exception rather than a broken file.
 */
class DicomPart10WriterTest {

  private static final String SEG = "1.2.840.10008.5.1.4.1.1.66.4";

  @TempDir Path dir;

  private static DicomPart10Writer started(OutputStream out) throws Exception {
    return new DicomPart10Writer(out)
        .writeFileMeta(FileMeta.of(SEG, "2.25.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN_UID));
  }

  @Test
  void freshSegmentationIsReadByDcmtk() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Dcmtk.available(), "dcmtk is not installed");
    byte[] pixels = new byte[1024 * 1024];
    new Random(1).nextBytes(pixels);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomPart10Writer w = started(out);
    w.string(0x00080016, Vr.UI, SEG)
        .string(0x00080018, Vr.UI, "2.25.1")
        .string(0x00080060, Vr.CS, "SEG")
        .string(0x00100010, Vr.PN, "Doe^Jon")
        .string(0x0020000D, Vr.UI, "1.2.3")
        .string(0x0020000E, Vr.UI, "1.2.3.1")
        .us(0x00280002, 1)
        .string(0x00280004, Vr.CS, "MONOCHROME2")
        .string(0x00280008, Vr.IS, "1")
        .us(0x00280010, 1024)
        .us(0x00280011, 1024)
        .us(0x00280100, 8)
        .us(0x00280101, 8)
        .us(0x00280102, 7)
        .us(0x00280103, 0);
    w.startSequence(0x00620002); // SegmentSequence
    w.startItem()
        .startSequence(0x00620003) // SegmentedPropertyCategoryCodeSequence
        .startItem()
        .string(0x00080100, Vr.SH, "T-D0050")
        .string(0x00080102, Vr.SH, "SRT")
        .string(0x00080104, Vr.LO, "Tissue")
        .endItem()
        .endSequence()
        .us(0x00620004, 1)
        .string(0x00620005, Vr.LO, "Liver")
        .string(0x00620008, Vr.CS, "AUTOMATIC")
        .endItem();
    w.endSequence();
    w.fl(0x00620010, 0.5f).fd(0x00620011, 1.25).sl(0x00620012, -3).ul(0x00620013, 7);
    w.pixelData(0x7FE00010, Vr.OB, pixels.length, new ByteArrayInputStream(pixels));
    w.finish();
    Path file = dir.resolve("seg.dcm");
    Files.write(file, out.toByteArray());

    List<String> dump = WriterFixtures.normalizedDump(dir, file);
    assertTrue(dump.stream().anyMatch(l -> l.contains("(0008,0104) LO [Tissue]")), "" + dump);
    assertTrue(dump.stream().anyMatch(l -> l.contains("(7fe0,0010) OB")), "" + dump);
    assertEquals(
        List.of(pixels.length + ":" + sha(pixels)), WriterFixtures.bulkHashes(out.toByteArray()));
    WriterFixtures.Run conv =
        WriterFixtures.run(
            dir, List.of("dcmconv", "+ti", file.toString(), dir.resolve("i.dcm").toString()));
    assertEquals(0, conv.exit(), conv.err());
    assertEquals("", conv.err());
    WriterFixtures.Run modify =
        WriterFixtures.run(
            dir, List.of("dcmodify", "-nb", "-m", "(0010,0010)=Other^Name", file.toString()));
    assertEquals(0, modify.exit(), modify.err());
    assertEquals("", modify.err());
    assertTrue(
        WriterFixtures.normalizedDump(dir, file).stream()
            .anyMatch(l -> l.contains("[Other^Name]")));
  }

  private static String sha(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void metaGroupLengthAndPaddingAreExact() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomPart10Writer w = started(out);
    int metaEnd = out.size() + 0; // nothing flushed yet
    assertEquals(0, metaEnd);
    w.string(0x00100010, Vr.PN, "Odd").string(0x00200013, Vr.UI, "1.2.3");
    w.finish();
    byte[] bytes = out.toByteArray();
    assertEquals("DICM", new String(bytes, 128, 4, java.nio.charset.StandardCharsets.US_ASCII));
    long groupLength =
        (bytes[140] & 0xFF)
            | (bytes[141] & 0xFF) << 8
            | (bytes[142] & 0xFF) << 16
            | (long) (bytes[143] & 0xFF) << 24;
    int datasetStart = (int) (144 + groupLength);
    // PN "Odd" padded with a space, UI "1.2.3" with 0x00
    assertEquals(8 + 4 + 8 + 6, bytes.length - datasetStart);
    assertEquals(' ', bytes[datasetStart + 8 + 3]);
    assertEquals(0, bytes[bytes.length - 1]);
  }

  @Test
  void callerBugsAndBadValuesThrow() throws Exception {
    DicomPart10Writer w = started(OutputStream.nullOutputStream());
    w.string(0x00100010, Vr.PN, "A");
    assertThrows(IllegalStateException.class, () -> w.string(0x00080060, Vr.CS, "OT"));
    assertThrows(IllegalStateException.class, () -> w.string(0x00100010, Vr.PN, "again"));
    assertThrows(IllegalArgumentException.class, () -> w.string(0x00100020, Vr.LO, "x".repeat(65)));
    w.string(0x00100021, Vr.LO, "x".repeat(64));
    assertThrows(IllegalArgumentException.class, () -> w.string(0x00100030, Vr.DA, "202401011"));
    assertThrows(IllegalArgumentException.class, () -> w.string(0x0020000D, Vr.UI, "1.2.abc"));
    assertThrows(IllegalArgumentException.class, () -> w.string(0x00100040, Vr.CS, "É"));
    assertThrows(IllegalArgumentException.class, () -> w.element(0x00100050, Vr.US, new byte[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> w.element(0x00101000, Vr.LT, new byte[70000])); // 16-bit length
    w.element(0x00104000, Vr.UT, new byte[70000]); // 32-bit length: fine
    assertThrows(IllegalStateException.class, w::endItem);
    w.startSequence(0x00400275);
    assertThrows(IllegalStateException.class, () -> w.string(0x00400007, Vr.LO, "x"));
    w.startItem().string(0x00400007, Vr.LO, "x");
    assertThrows(IllegalStateException.class, w::finish);
    w.endItem().endSequence();
    w.startValue(0x7FE00010, Vr.OW, 4).value(new byte[2], 0, 2);
    assertThrows(IllegalStateException.class, w::endValue);
    assertThrows(IllegalStateException.class, () -> w.value(new byte[3], 0, 3));
    w.value(new byte[2], 0, 2).endValue();
    w.finish();
  }

  @Test
  void encapsulatedAndImplicitAndBigEndianParseBack() throws Exception {
    for (String uid :
        List.of(
            "1.2.840.10008.1.2.4.50",
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN_UID,
            TransferSyntax.EXPLICIT_VR_BIG_ENDIAN_UID)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DicomPart10Writer w =
          new DicomPart10Writer(out)
              .writeFileMeta(FileMeta.of("1.2.840.10008.5.1.4.1.1.7", "2.25.2", uid));
      w.us(0x00280010, 2).startSequence(0x00400275).startItem().us(0x00280011, 3).endItem();
      w.endSequence();
      if (uid.endsWith(".50")) {
        w.startFragments(0x7FE00010).fragment(new byte[] {1, 2, 3}).fragment(new byte[4]);
        w.endFragments();
      } else {
        w.element(0x7FE00010, Vr.OW, new byte[] {1, 2, 3, 4});
      }
      w.finish();
      List<String> hashes = WriterFixtures.bulkHashes(out.toByteArray());
      assertEquals(uid.endsWith(".50") ? 3 : 1, hashes.size(), uid);
    }
  }
}
