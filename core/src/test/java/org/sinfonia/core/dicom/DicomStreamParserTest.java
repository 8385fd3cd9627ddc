package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-made streams for what dcmtk does not write: CP-246 UN, broken and hostile files, edge
 * encodings.
 */
class DicomStreamParserTest {

  private static final int PATIENT_NAME = DicomTags.PATIENT_NAME;
  private static final int PATIENT_ID = DicomTags.PATIENT_ID;

  @Test
  void undefinedLengthUnIsASequenceOfImplicitVrItems() throws Exception {
    byte[] stream =
        DatasetBytes.littleEndian()
            .explicit(0x00090010, "LO", "VENDOR")
            .explicitHeader(0x00091001, "UN", DatasetBytes.UNDEFINED)
            .item(DatasetBytes.UNDEFINED)
            .implicit(PATIENT_NAME, "Inside^Item")
            .itemEnd()
            .sequenceEnd()
            .explicit(PATIENT_ID, "LO", "AFTER")
            .toBytes();
    DicomDataset dataset = parse(stream);
    DicomElement sequence = dataset.find(0x00091001).orElseThrow();
    assertEquals(Vr.SQ, sequence.vr());
    assertEquals("Inside^Item", sequence.items().get(0).string(PATIENT_NAME));
    assertEquals(Vr.PN, sequence.items().get(0).find(PATIENT_NAME).orElseThrow().vr());
    assertEquals("AFTER", dataset.string(PATIENT_ID));
    assertEquals("VENDOR", dataset.privateCreatorOf(0x00091001).orElseThrow());
    assertEquals(0x00091001, dataset.privateTag("VENDOR", 0x0009, 0x01).getAsInt());
  }

  @Test
  void fileMetaWithoutGroupLengthEndsWhereGroup0002Does() throws Exception {
    byte[] stream =
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2\0")
            .implicit(PATIENT_NAME, "Implicit^Name")
            .toBytes();
    DicomDatasetCollector collector = new DicomDatasetCollector();
    feedWhole(stream, new DicomStreamParser(collector));
    assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, collector.transferSyntax());
    assertEquals("Implicit^Name", collector.dataset().string(PATIENT_NAME));
  }

  @Test
  void bareBigEndianDataSetIsSniffed() throws Exception {
    byte[] stream =
        new DatasetBytes(true)
            .explicit(PATIENT_NAME, "PN", "Big^Endian")
            .explicit(DicomTags.ROWS, "US", new byte[] {0x01, 0x02})
            .toBytes();
    DicomDatasetCollector collector = new DicomDatasetCollector();
    feedWhole(stream, new DicomStreamParser(collector));
    assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, collector.transferSyntax());
    assertEquals(0x0102, collector.dataset().longValue(DicomTags.ROWS, -1));
  }

  @Test
  void truncatedValueReportsOffsetAndTag() {
    byte[] whole =
        DatasetBytes.littleEndian().explicit(PATIENT_NAME, "PN", "Doe^Jane Long Name").toBytes();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
    DicomParseException e = assertThrows(DicomParseException.class, () -> parse(cut));
    assertEquals(cut.length, e.offset());
    assertEquals("(0010,0010)", e.tagPath());
    assertTrue(e.reason().startsWith("truncated: value ends after"), e.reason());
  }

  @Test
  void errorInsideAnItemNamesThePath() {
    byte[] stream =
        DatasetBytes.littleEndian()
            .explicitHeader(0x00081115, "SQ", DatasetBytes.UNDEFINED)
            .item(20)
            .explicitHeader(0x00081150, "UI", 40)
            .raw(new byte[40])
            .toBytes();
    DicomParseException e = assertThrows(DicomParseException.class, () -> parse(stream));
    assertEquals("(0008,1115)[0]>(0008,1150)", e.tagPath());
    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
  }

  @Test
  void aThreeGibibyteValueIsSkippedNotAllocated() {
    byte[] stream =
        DatasetBytes.littleEndian()
            .explicit(PATIENT_ID, "LO", "ID")
            .explicitHeader(0x00091010, "OB", 0xC0000000L)
            .raw(new byte[100])
            .toBytes();
    EventRecorder recorder = new EventRecorder();
    DicomStreamParser parser = new DicomStreamParser(recorder);
    DicomParseException e =
        assertThrows(DicomParseException.class, () -> feedWhole(stream, parser));
    assertTrue(e.reason().contains("after 100 of 3221225472 bytes"), e.reason());
    assertTrue(recorder.largestValue < 16, "largest value handed over: " + recorder.largestValue);
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    DatasetBytes bytes = DatasetBytes.littleEndian();
    for (int i = 0; i < 10; i++) {
      bytes.explicitHeader(0x00081115, "SQ", DatasetBytes.UNDEFINED).item(DatasetBytes.UNDEFINED);
    }
    DicomStreamParser parser =
        new DicomStreamParser(
            new EventRecorder(), DicomParserOptions.defaults().withMaxNestingDepth(6));
    DicomParseException e =
        assertThrows(DicomParseException.class, () -> feedWhole(bytes.toBytes(), parser));
    assertTrue(e.reason().contains("deeper than 6"), e.reason());
  }

  @Test
  void encapsulatedPixelDataIsLocatedFragmentByFragment() throws Exception {
    DatasetBytes bytes =
        DatasetBytes.littleEndian()
            .explicit(DicomTags.ROWS, "US", new byte[] {8, 0})
            .explicitHeader(DicomTags.PIXEL_DATA, "OB", DatasetBytes.UNDEFINED)
            .item(8)
            .number(0, 4)
            .number(14, 4);
    int firstFragment = bytes.size() + 8;
    bytes.item(6).raw(new byte[6]);
    int secondFragment = bytes.size() + 8;
    bytes.item(4).raw(new byte[4]).sequenceEnd();
    DicomValue.Fragments fragments =
        (DicomValue.Fragments)
            parse(bytes.toBytes()).find(DicomTags.PIXEL_DATA).orElseThrow().value();
    assertEquals(List.of(0L, 14L), fragments.basicOffsetTable());
    assertEquals(
        List.of(
            new DicomValue.BulkData(firstFragment, 6), new DicomValue.BulkData(secondFragment, 4)),
        fragments.fragments());
    assertEquals(bytes.size(), fragments.offset() + fragments.length());
  }

  @Test
  void notDicomAndEmptyStreamsAreRefused() {
    byte[] text =
        "Hello, this is a plain text file and not DICOM at all."
            .repeat(4)
            .getBytes(StandardCharsets.US_ASCII);
    text[0] = 0x00; // group 0x??00: no plausible first tag
    text[1] = 0x00;
    assertTrue(
        assertThrows(DicomParseException.class, () -> parse(text))
            .reason()
            .startsWith("not a DICOM stream"));
    assertEquals(
        "no data set", assertThrows(DicomParseException.class, () -> parse(new byte[0])).reason());
  }

  @Test
  void afterAFailureFeedRethrowsAndAfterEndFeedIsAMisuse() throws Exception {
    DicomStreamParser failing = new DicomStreamParser(new EventRecorder());
    byte[] broken =
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(PATIENT_ID, "LO", "X")
            .raw(new byte[] {0x10, 0, 0x10, 0, 'z', 'z', 0, 0})
            .toBytes();
    DicomParseException first =
        assertThrows(DicomParseException.class, () -> failing.feed(broken, 0, broken.length));
    assertSame(
        first, assertThrows(DicomParseException.class, () -> failing.feed(new byte[1], 0, 1)));

    DicomStreamParser ended = new DicomStreamParser(new EventRecorder());
    byte[] fine = DatasetBytes.littleEndian().explicit(PATIENT_ID, "LO", "X").toBytes();
    feedWhole(fine, ended);
    assertThrows(IllegalStateException.class, () -> ended.feed(new byte[1], 0, 1));
  }

  @Test
  void valuesAboveTheThresholdAreLocatedInsteadOfRead() throws Exception {
    DatasetBytes bytes = DatasetBytes.littleEndian().explicit(PATIENT_ID, "LO", "ID");
    int valueOffset = bytes.size() + 8;
    bytes.explicit(0x30060050, "DS", "1.5\\".repeat(300) + "2");
    DicomParserOptions options = DicomParserOptions.defaults().withBulkDataThreshold(256);
    DicomDatasetCollector collector = new DicomDatasetCollector();
    feedWhole(bytes.toBytes(), new DicomStreamParser(collector, options));
    assertEquals(
        new DicomValue.BulkData(valueOffset, 1202),
        collector.dataset().find(0x30060050).orElseThrow().value());
  }

  private static DicomDataset parse(byte[] stream) throws DicomParseException {
    DicomDatasetCollector collector = new DicomDatasetCollector();
    feedWhole(stream, new DicomStreamParser(collector));
    return collector.dataset();
  }

  private static void feedWhole(byte[] stream, DicomStreamParser parser)
      throws DicomParseException {
    parser.feed(stream, 0, stream.length);
    parser.end();
  }
}
