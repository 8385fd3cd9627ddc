package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every attribute of every corpus file, as the codec reads it, against dcmdump's reading: same tags
 * in the same order, compatible VRs, equal values (text after character set decoding, numbers,
 * binary bytes), the same sequence structure, and for skipped values the same length.
 */
class DcmdumpComparisonTest {

  @BeforeAll
  static void dcmtkInstalled() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
  }

  static List<DicomTestCorpus.Entry> corpus() {
    return DicomTestCorpus.shared();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void readsWhatDcmdumpReads(DicomTestCorpus.Entry entry) throws Exception {
    DicomDataset ours = DicomHeaderReader.read(entry.file(), DicomParserOptions.defaults());
    boolean dcmtkConverts = !entry.name().startsWith("charset-iso2022");
    List<DcmdumpReference.Node> reference = DcmdumpReference.of(entry.file(), dcmtkConverts);
    int compared = compare("", reference, ours, true, dcmtkConverts);
    assertTrue(compared >= 5, entry + ": only " + compared + " elements compared");
  }

  static List<DicomTestCorpus.Entry> charsetFiles() {
    return corpus().stream()
        .filter(e -> e.name().startsWith("charset-"))
        .collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charsetFiles")
  void decodesCharacterSetsAsExpected(DicomTestCorpus.Entry entry) throws Exception {
    String sampleName = entry.name().substring("charset-".length());
    CharsetSamples.Sample sample =
        CharsetSamples.all().stream()
            .filter(s -> s.name().equals(sampleName))
            .findFirst()
            .orElseThrow();
    DicomDataset ours = DicomHeaderReader.read(entry.file(), DicomParserOptions.defaults());
    assertEquals(sample.expectedPersonName(), ours.string(DicomTags.PATIENT_NAME));
    for (int tag : new int[] {0x00080081, 0x00080119, 0x00081030, 0x001021B0}) {
      assertEquals(sample.expectedText(), ours.string(tag), DicomTags.format(tag));
    }
    assertEquals(sample.expectedShortText(), ours.string(0x00081010), "SH");
    DicomDataset item = ours.find(0x0040A730).orElseThrow().items().get(0);
    assertEquals(sample.expectedText(), item.string(0x0040A160), "UT in an item");
  }

  /** Compares one level; returns the number of elements compared. */
  static int compare(
      String path,
      List<DcmdumpReference.Node> reference,
      DicomDataset ours,
      boolean top,
      boolean utf8) {
    // +U8 makes dcmdump add or rewrite the top-level Specific Character Set (ISO_IR 192)
    List<DcmdumpReference.Node> nodes =
        reference.stream()
            .filter(n -> !(top && n.tag() == DicomTags.SPECIFIC_CHARACTER_SET))
            .collect(Collectors.toList());
    List<String> theirTags =
        nodes.stream().map(n -> DicomTags.format(n.tag())).collect(Collectors.toList());
    List<String> ourTags =
        ours.elements().stream()
            .filter(e -> !(top && e.tag() == DicomTags.SPECIFIC_CHARACTER_SET))
            .map(e -> DicomTags.format(e.tag()))
            .collect(Collectors.toList());
    assertEquals(theirTags, ourTags, path + ": tags");
    int compared = 0;
    for (DcmdumpReference.Node node : nodes) {
      DicomElement element = ours.find(node.tag()).orElseThrow();
      String where = path + DicomTags.format(node.tag());
      assertTrue(
          compatibleVr(node.vr(), element.vr()),
          where + ": VR " + node.vr() + " vs " + element.vr());
      compared += compareValue(where, node, element, utf8);
    }
    return compared;
  }

  private static int compareValue(
      String where, DcmdumpReference.Node node, DicomElement element, boolean utf8) {
    DicomValue value = element.value();
    if (value instanceof DicomValue.Sequence sequence) {
      assertTrue(node.isSequence(), where + ": dcmdump has no sequence: " + node.value());
      assertEquals(node.items().size(), sequence.items().size(), where + ": items");
      int compared = 1;
      for (int i = 0; i < node.items().size(); i++) {
        compared +=
            compare(
                where + "[" + i + "]>", node.items().get(i), sequence.items().get(i), false, utf8);
      }
      return compared;
    }
    if (value instanceof DicomValue.Fragments fragments) {
      assertTrue(
          node.isPixelSequence(), where + ": dcmdump has no pixel sequence: " + node.value());
      List<Long> ourLengths = new ArrayList<>();
      ourLengths.add(4L * fragments.basicOffsetTable().size());
      fragments.fragments().forEach(f -> ourLengths.add(f.length()));
      assertEquals(node.fragments(), ourLengths, where + ": offset table and fragment lengths");
      return 1;
    }
    if (value instanceof DicomValue.BulkData bulk) {
      assertEquals(node.length(), bulk.length(), where + ": bulk data length");
      return 1;
    }
    if (node.value().equals("(not loaded)")) {
      fail(where + ": dcmdump skipped a value of " + node.length() + " bytes that the codec read");
    }
    if (value instanceof DicomValue.Text && element.vr().kind() == Vr.Kind.TEXT && !utf8) {
      return 0; // raw bytes from dcmdump: decodesCharacterSetsAsExpected checks these values
    }
    if (value instanceof DicomValue.Text text) {
      assertEquals(
          theirStrings(node, element.vr()),
          text.values().stream().map(DcmdumpComparisonTest::trim).collect(Collectors.toList()),
          where + ": text");
    } else {
      compareBinary(where, node, element);
    }
    return 1;
  }

  private static List<String> theirStrings(DcmdumpReference.Node node, Vr vr) {
    String text = DcmdumpReference.text(node.value());
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> values =
        vr.isMultiValued() ? Arrays.asList(text.split("\\\\", -1)) : List.of(text);
    return values.stream().map(DcmdumpComparisonTest::trim).collect(Collectors.toList());
  }

  private static void compareBinary(
      String where, DcmdumpReference.Node node, DicomElement element) {
    List<String> theirs =
        node.value().startsWith("(no value")
            ? List.of()
            : Arrays.asList(node.value().split("\\\\"));
    byte[] bytes = ((DicomValue.Binary) element.value()).littleEndian();
    switch (node.vr()) {
      case "FL", "FD", "OF", "OD" -> {
        double[] ours = element.doubles();
        assertEquals(theirs.size(), ours.length, where + ": count");
        for (int i = 0; i < ours.length; i++) {
          double expected = Double.parseDouble(theirs.get(i));
          assertEquals(expected, ours[i], Math.abs(expected) * 1e-6 + 1e-12, where + "[" + i + "]");
        }
      }
      case "OB", "UN", "??" ->
          assertEquals(theirs, hex(bytes, 1, theirs.size()), where + ": bytes");
      case "OW", "lt", "ox" ->
          assertEquals(theirs, hex(bytes, 2, theirs.size()), where + ": words");
      case "AT" ->
          assertEquals(
              theirs,
              Arrays.stream(element.longs())
                  .mapToObj(t -> DicomTags.format((int) t).toLowerCase(Locale.ROOT))
                  .collect(Collectors.toList()),
              where + ": tags");
      case "UV", "OV" ->
          assertEquals(
              theirs,
              Arrays.stream(element.longs())
                  .mapToObj(Long::toUnsignedString)
                  .collect(Collectors.toList()),
              where + ": numbers");
      case "xs" ->
          assertEquals(
              theirs.stream().map(t -> Long.parseLong(t) & 0xFFFF).collect(Collectors.toList()),
              Arrays.stream(element.longs()).mapToObj(n -> n & 0xFFFF).collect(Collectors.toList()),
              where);
      default ->
          assertEquals(
              theirs,
              Arrays.stream(element.longs()).mapToObj(Long::toString).collect(Collectors.toList()),
              where + ": numbers");
    }
  }

  /**
   * Hex numbers of {@code size} bytes, as dcmdump prints them; dcmdump pads an odd byte string with
   * 00.
   */
  private static List<String> hex(byte[] bytes, int size, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + size <= bytes.length || i < bytes.length && out.size() < count; i += size) {
      int number = bytes[i] & 0xFF;
      if (size == 2) {
        number |= (i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0) << 8;
      }
      out.add(String.format(size == 2 ? "%04x" : "%02x", number));
    }
    while (out.size() < count) {
      out.add(size == 2 ? "0000" : "00");
    }
    return out;
  }

  static boolean compatibleVr(String theirs, Vr ours) {
    return switch (theirs) {
      case "??" -> ours == Vr.UN;
      case "xs" -> ours == Vr.US || ours == Vr.SS;
      case "lt" -> ours == Vr.OW || ours == Vr.US || ours == Vr.SS;
      case "ox" -> ours == Vr.OB || ours == Vr.OW;
      case "up" -> ours == Vr.UL;
      default -> theirs.equals(ours.name());
    };
  }

  private static String trim(String value) {
    return value.replaceAll("^[ \\x00]+|[ \\x00]+$", "");
  }
}
