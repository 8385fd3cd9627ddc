package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The DICOM JSON Model shapes (PS3.18 F.2), on a hand-made data set. */
class DicomJsonWriterTest {

  @Test
  void writesEachValueShape() throws Exception {
    DatasetBytes bytes =
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .explicit(DicomTags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
            .explicit(DicomTags.STUDY_DESCRIPTION, "LO", "Say \"hi\"\t\\x")
            .explicit(DicomTags.REFERRING_PHYSICIAN_NAME, "PN", "")
            .explicitHeader(0x00081115, "SQ", DatasetBytes.UNDEFINED)
            .item(DatasetBytes.UNDEFINED)
            .explicit(0x00081150, "UI", "1.2.3\0")
            .itemEnd()
            .sequenceEnd()
            .explicit(DicomTags.PATIENT_NAME, "PN", utf8("Yamada^Tarou=山田^太郎=やまだ^たろう\\Second"))
            .explicit(0x00181020, "LO", "a\\\\c")
            .explicit(DicomTags.IMAGE_POSITION_PATIENT, "DS", "+1.5\\.5\\007\\x1")
            .explicit(DicomTags.INSTANCE_NUMBER, "IS", " 12")
            .explicit(DicomTags.ROWS, "US", new byte[] {0, 2})
            .explicit(0x00209165, "AT", new byte[] {0x10, 0, 0x20, 0})
            .explicit(0x00720076, "FL", new byte[] {0, 0, (byte) 0xC0, 0x7F})
            .explicit(0x00720083, "UV", new byte[] {-1, -1, -1, -1, -1, -1, -1, -1})
            .explicit(0x00091010, "OB", new byte[] {1, 2, 3, 4});
    long pixelOffset = bytes.size() + 12;
    bytes.explicitHeader(DicomTags.PIXEL_DATA, "OW", 4).raw(new byte[4]);
    String json =
        new DicomJsonWriter()
            .withBulkDataUris(
                (path, offset, length) -> "bulk/" + path + "/" + offset + "/" + length)
            .toJson(parse(bytes.toBytes()));
    assertEquals(
        "{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},"
            + "\"00080090\":{\"vr\":\"PN\"},"
            + "\"00081030\":{\"vr\":\"LO\",\"Value\":[\"Say \\\"hi\\\"\\t\",\"x\"]},"
            + "\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}]},"
            + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIDBA==\"},"
            + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
            + "\"Phonetic\":\"やまだ^たろう\"},{\"Alphabetic\":\"Second\"}]},"
            + "\"00181020\":{\"vr\":\"LO\",\"Value\":[\"a\",null,\"c\"]},"
            + "\"00200013\":{\"vr\":\"IS\",\"Value\":[12]},"
            + "\"00200032\":{\"vr\":\"DS\",\"Value\":[1.5,0.5,7,\"x1\"]},"
            + "\"00209165\":{\"vr\":\"AT\",\"Value\":[\"00100020\"]},"
            + "\"00280010\":{\"vr\":\"US\",\"Value\":[512]},"
            + "\"00720076\":{\"vr\":\"FL\",\"Value\":[\"NaN\"]},"
            + "\"00720083\":{\"vr\":\"UV\",\"Value\":[18446744073709551615]},"
            + "\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"bulk/(7FE0,0010)/"
            + pixelOffset
            + "/4\"}}",
        json);
  }

  @Test
  void fileMetaOnlyWhenAskedAndNoUriWithoutAFactory() throws Exception {
    DicomDataset dataset =
        parse(
            DatasetBytes.littleEndian()
                .preamble()
                .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
                .explicitHeader(DicomTags.PIXEL_DATA, "OW", 2)
                .raw(new byte[2])
                .toBytes());
    assertEquals("{\"7FE00010\":{\"vr\":\"OW\"}}", new DicomJsonWriter().toJson(dataset));
    assertEquals(
        "{\"00020010\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.1.2.1\"]},\"7FE00010\":{\"vr\":\"OW\"}}",
        new DicomJsonWriter().withFileMeta(true).toJson(dataset));
  }

  private static byte[] utf8(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return bytes.length % 2 == 0 ? bytes : (text + " ").getBytes(StandardCharsets.UTF_8);
  }

  private static DicomDataset parse(byte[] stream) throws DicomParseException {
    DicomDatasetCollector collector = new DicomDatasetCollector();
    DicomStreamParser parser = new DicomStreamParser(collector);
    parser.feed(stream, 0, stream.length);
    parser.end();
    return collector.dataset();
  }
}
