package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sinfonia dump} ({@link DicomDump}) against dcmtk's dcmdump on the files of issue 15
 * section 5, each written here with dcmtk or by hand: the JSON lists the same elements in the same
 * order with compatible VRs as dcmdump, and the data set behind it has dcmdump's values ({@link
 * DcmdumpComparisonTest#compare}).
 */
class DicomDumpDcmtkTest {

  /** "GGGGEEEE":{"vr":"XX" in the pretty-printed JSON: one element, in document order. */
  private static final Pattern JSON_ELEMENT =
      Pattern.compile("\"([0-9A-F]{8})\"\\s*:\\s*\\{\\s*\"vr\"\\s*:\\s*\"(\\w\\w)\"");

  private static final Pattern BULK_URI =
      Pattern.compile(
          "\"7FE00010\"\\s*:\\s*\\{\\s*\"vr\"\\s*:\\s*\"(\\w\\w)\""
              + "\\s*,\\s*\"BulkDataURI\"\\s*:\\s*\"[^\"?]*\\?offset=(\\d+)&length=(\\d+)\"");

  private static final int FRAMES = 5;

  @TempDir Path dir;

  @BeforeAll
  static void dcmtkInstalled() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
  }

  @ParameterizedTest(name = "dcmcrle {0}")
  @ValueSource(strings = {"+ff", "-ot", "+fs 1"})
  void multiFrameRtDoseInRleLossless(String options) throws Exception {
    Path file = rleDose(options.split(" "));
    String json = agreesWithDcmdump(file);
    DcmdumpReference.Node pixelData = pixelData(file);
    if (options.equals("+ff")) {
      assertEquals(
          FRAMES + 1, pixelData.fragments().size(), "one fragment per frame: " + pixelData);
    } else if (options.equals("+fs 1")) {
      assertTrue(
          pixelData.fragments().size() > FRAMES + 1, "several fragments per frame: " + pixelData);
    }
    assertTrue(json.contains("\"00280008\":{\"vr\":\"IS\",\"Value\":[" + FRAMES + "]}"), "frames");
    assertTrue(
        json.contains("\"3004000C\":{\"vr\":\"DS\",\"Value\":[0.0,2.5,5.0,7.5,10.0]}"),
        "grid frame offsets: " + json);
    bulkDataUriCoversTheEncapsulatedValue(file, json, pixelData);
  }

  @Test
  void rleDoseWhosePixelDataHeaderSaysOw() throws Exception {
    // some writers label encapsulated pixel data OW; PS3.5 A.4 says OB, and dcmdump reads OB
    Path file = rleDose("+ff");
    byte[] bytes = Files.readAllBytes(file);
    int at =
        indexOf(bytes, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1});
    assertTrue(at > 0, "encapsulated pixel data header");
    bytes[at + 5] = 'W';
    Path ow = dir.resolve("rtdose-rle-ow.dcm");
    Files.write(ow, bytes);
    String json = agreesWithDcmdump(ow);
    bulkDataUriCoversTheEncapsulatedValue(ow, json, pixelData(ow));
  }

  /** An RT Dose of {@link #FRAMES} 32-bit frames written by dump2dcm, compressed by dcmcrle. */
  private Path rleDose(String... dcmcrleOptions) throws Exception {
    int side = 32;
    byte[] pixels = new byte[side * side * 4 * FRAMES];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % 4 == 3 ? 0 : i * 7 / 5); // doses well below 2^31
    }
    Files.write(dir.resolve("pixels.raw"), pixels);
    Files.write(dir.resolve("rtdose.txt"), CorpusTemplates.rtDose(side, FRAMES).toBytes());
    Dcmtk.run(dir, List.of("dump2dcm", "-q", "+l", "4000000", "rtdose.txt", "rtdose.dcm"));
    List<String> command = new ArrayList<>(List.of("dcmcrle", "-q"));
    command.addAll(List.of(dcmcrleOptions));
    command.addAll(List.of("rtdose.dcm", "rtdose-rle.dcm"));
    Dcmtk.run(dir, command);
    return dir.resolve("rtdose-rle.dcm");
  }

  private static DcmdumpReference.Node pixelData(Path file) {
    return DcmdumpReference.of(file, true).stream()
        .filter(n -> n.tag() == DicomTags.PIXEL_DATA)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The BulkDataURI names the encapsulated value as dcmdump counts it: every item header and value,
   * then the 8-byte sequence delimiter, which here ends the file.
   */
  private static void bulkDataUriCoversTheEncapsulatedValue(
      Path file, String json, DcmdumpReference.Node pixelData) throws Exception {
    Matcher uri = BULK_URI.matcher(json);
    assertTrue(uri.find(), json);
    assertEquals("OB", uri.group(1), "encapsulated pixel data is OB");
    long offset = Long.parseLong(uri.group(2));
    long length = Long.parseLong(uri.group(3));
    long expected = 8;
    for (long fragment : pixelData.fragments()) {
      expected += 8 + fragment;
    }
    assertEquals(expected, length, "encapsulated length");
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer at = ByteBuffer.wrap(bytes, (int) offset, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(
        DicomTags.ITEM,
        Integer.rotateLeft(at.getInt(), 16),
        "the range starts at the offset table item");
    assertEquals(offset + length, bytes.length, "and ends with the file");
  }

  private static int indexOf(byte[] bytes, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void explicitVrUnOfUndefinedLength() throws Exception {
    // a private UN sequence (nested, and with a defined-length item), a standard sequence sent
    // as UN of undefined length, and a plain UN value: CP-246 says read the first two as
    // implicit VR sequences; dcmtk does, and names the standard one SQ from its dictionary
    Path file = dir.resolve("un.dcm");
    Files.write(
        file,
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .explicit(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.7\0")
            .explicit(0x00080018, "UI", "2.25.1234\0")
            .explicit(0x00081030, "LO", "UN study")
            .explicitHeader(0x00081115, "UN", DatasetBytes.UNDEFINED)
            .item(DatasetBytes.UNDEFINED)
            .implicit(0x0020000E, "2.25.77\0")
            .itemEnd()
            .sequenceEnd()
            .explicit(0x00090010, "LO", "PRIVATE1")
            .explicitHeader(0x00091001, "UN", DatasetBytes.UNDEFINED)
            .item(DatasetBytes.UNDEFINED)
            .implicit(0x00091010, "ABCD")
            .implicitHeader(0x00091011, DatasetBytes.UNDEFINED)
            .item(DatasetBytes.UNDEFINED)
            .implicit(0x00091012, "EF")
            .itemEnd()
            .sequenceEnd()
            .itemEnd()
            .item(12)
            .implicit(0x00091010, "WXYZ")
            .sequenceEnd()
            .explicit(0x00091002, "UN", new byte[] {1, 2, 3, 4})
            .explicit(DicomTags.PATIENT_ID, "LO", "P1")
            .toBytes());

    String json = agreesWithDcmdump(file);
    assertTrue(json.contains("\"00091002\":{\"vr\":\"UN\",\"InlineBinary\":\"AQIDBA==\"}"), json);
    assertTrue(
        json.contains("\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P1\"]}"),
        "read on after them: " + json);
  }

  @Test
  void filesWithoutInstanceUidsStillGiveJson() throws Exception {
    // dump2dcm -F: a bare data set, no file meta and no SOP UIDs at all
    Files.write(
        dir.resolve("bare.txt"),
        new DumpBuilder()
            .text("(0008,0060)", "CS", "RTDOSE")
            .text("(0010,0010)", "PN", "No^Uids")
            .text("(0010,0020)", "LO", "P1")
            .toBytes());
    Dcmtk.run(dir, List.of("dump2dcm", "-q", "-F", "+te", "bare.txt", "bare.dcm"));
    // by hand: a file meta group with only the transfer syntax, a data set without UIDs
    Path metaOnly = dir.resolve("meta-without-uids.dcm");
    Files.write(
        metaOnly,
        DatasetBytes.littleEndian()
            .preamble()
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .explicit(0x00080060, "CS", "RTDOSE")
            .explicit(DicomTags.PATIENT_ID, "LO", "P1")
            .toBytes());

    for (Path file : List.of(dir.resolve("bare.dcm"), metaOnly)) {
      String json = agreesWithDcmdump(file);
      assertTrue(json.contains("\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P1\"]}"), json);
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    assertEquals(
        0,
        new DicomDump().run(List.of(dir.resolve("bare.dcm"), metaOnly), out, err),
        err.toString());
    assertEquals(2, out.toString().split("\n\\{", -1).length - 1, "one object per file: " + out);
  }

  /** Dumps {@code file}, checks it against dcmdump, and returns the JSON without white space. */
  private static String agreesWithDcmdump(Path file) throws Exception {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    assertEquals(0, new DicomDump().run(List.of(file), out, err), file + ": " + err);
    assertEquals("", err.toString());
    String json = out.toString();
    assertTrue(json.startsWith("{"), json);

    List<DcmdumpReference.Node> reference = DcmdumpReference.of(file, true);
    List<String> theirs = new ArrayList<>();
    flatten(reference, theirs);
    List<String> ours = new ArrayList<>();
    Matcher m = JSON_ELEMENT.matcher(json);
    while (m.find()) {
      if (!m.group(1).equals("00080005")) { // dcmdump +U8 adds or rewrites it
        ours.add(m.group(1) + " " + m.group(2));
      }
    }
    assertEquals(
        theirs.size(),
        ours.size(),
        file.getFileName() + ": elements\n dcmdump " + theirs + "\n dump    " + ours);
    for (int i = 0; i < ours.size(); i++) {
      String[] t = theirs.get(i).split(" ");
      String[] o = ours.get(i).split(" ");
      assertEquals(
          t[0],
          o[0],
          file.getFileName() + ": element " + i + "\n dcmdump " + theirs + "\n dump    " + ours);
      assertTrue(
          DcmdumpComparisonTest.compatibleVr(t[1], Vr.valueOf(o[1])),
          file.getFileName() + ": " + t[0] + " VR " + t[1] + " vs " + o[1]);
    }
    DicomDataset dataset = DicomHeaderReader.read(file, DicomParserOptions.defaults());
    DcmdumpComparisonTest.compare("", reference, dataset, true, true);
    return json.replaceAll("\\s", "");
  }

  /**
   * Elements in document order, items' elements after their sequence; dcmdump's +U8 character set
   * left out.
   */
  private static void flatten(List<DcmdumpReference.Node> nodes, List<String> out) {
    for (DcmdumpReference.Node node : nodes) {
      if (node.tag() == DicomTags.SPECIFIC_CHARACTER_SET) {
        continue;
      }
      out.add(String.format("%08X %s", node.tag(), node.vr()));
      for (List<DcmdumpReference.Node> item : node.items()) {
        flatten(item, out);
      }
    }
  }
}
