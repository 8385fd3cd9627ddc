package org.sinfonia.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DumpBuilder;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.privacy.SiteKey;

/**
 * The privacy stage on dcmtk-made files: findings and refusals as the header streams, and the
 * de-identifying rewrite checked by dcmdump.
 */
class PrivacyStageTest {

  static final String STUDY = "1.2.826.0.1.3680043.9.7777.1";
  static final String SOP_A = "1.2.826.0.1.3680043.9.7777.1.1.1";
  static final String SOP_B = "1.2.826.0.1.3680043.9.7777.1.1.2";
  static final List<String> IDENTIFYING =
      List.of(
          "Garcia",
          "PID-445566",
          "OTHER-ID-1",
          "ACC12345",
          "Ficticio",
          "Referrer",
          "SN-12345",
          "secret",
          "19610704",
          "20240131",
          STUDY,
          SOP_A,
          SOP_B);

  @TempDir Path dir;

  final PrivacyStages stages =
      new PrivacyStages(
          new SiteKey("a site key of 32 bytes, not secret".getBytes(StandardCharsets.US_ASCII)),
          DicomParserOptions.defaults(),
          1 << 20);

  static PrivacyPolicy policy(String kind, Map<String, Object> options) {
    return PrivacyPolicy.fromMap(Map.of("policy", kind, "options", options));
  }

  static final PrivacyPolicy DEIDENTIFY_DATES =
      policy("deidentify", Map.of("retainLongitudinalModifiedDates", true));

  /** Identifying values at the top level, in nested sequences, in a private block, in dates. */
  static DumpBuilder identifying(String sop, String otherSop, String studyDate, byte[] pixels)
      throws IOException {
    return new DumpBuilder()
        .text("(0008,0005)", "CS", "ISO_IR 100")
        .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text("(0008,0018)", "UI", sop)
        .text("(0008,0020)", "DA", studyDate)
        .text("(0008,0030)", "TM", "101500")
        .text("(0008,0050)", "SH", "ACC12345")
        .text("(0008,0060)", "CS", "CT")
        .text("(0008,0080)", "LO", "Hospital Ficticio")
        .text("(0008,0090)", "PN", "Referrer^Rita")
        .text("(0008,1030)", "LO", "CT of Garcia")
        .sequence(
            "(0008,1140)",
            item ->
                item.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                    .text("(0008,1155)", "UI", otherSop))
        .text("(0009,0010)", "LO", "ACME PRIVATE")
        .text("(0009,1001)", "LO", "Maria secret")
        .text("(0010,0010)", "PN", "Garcia^Maria")
        .text("(0010,0020)", "LO", "PID-445566")
        .text("(0010,0030)", "DA", "19610704")
        .text("(0010,0040)", "CS", "F")
        .sequence("(0010,1002)", item -> item.text("(0010,0020)", "LO", "OTHER-ID-1"))
        .text("(0018,1000)", "LO", "SN-12345")
        .text("(0020,000d)", "UI", STUDY)
        .text("(0020,000e)", "UI", STUDY + ".1")
        .raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .raw("(0028,0010)", "US", "16")
        .raw("(0028,0011)", "US", "16")
        .raw("(0028,0100)", "US", "16")
        .raw("(0028,0101)", "US", "16")
        .raw("(0028,0102)", "US", "15")
        .raw("(0028,0103)", "US", "0")
        .raw("(7fe0,0010)", "OW", "=" + pixelFile(pixels));
  }

  private static Path pixelDir;

  private static String pixelFile(byte[] pixels) throws IOException {
    Path f = Files.createTempFile(pixelDir, "pixels", ".raw");
    Files.write(f, pixels);
    return f.toString();
  }

  byte[] dcm(String name, DumpBuilder dump) throws Exception {
    Path text = dir.resolve(name + ".dump");
    Files.write(text, dump.toBytes());
    Path out = dir.resolve(name + ".dcm");
    Process p =
        new ProcessBuilder("dump2dcm", "+te", text.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), log);
    return Files.readAllBytes(out);
  }

  static byte[] pixels(int seed) {
    byte[] b = new byte[16 * 16 * 2];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Feeds {@code input} in chunks of {@code chunk} bytes; returns what would be stored. */
  static byte[] pass(PrivacyStage stage, byte[] input, int chunk) throws IOException {
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    for (int at = 0; at < input.length; at += chunk) {
      ByteBuffer b = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at)).slice();
      stage.accept(b.asReadOnlyBuffer());
      if (stage.rewrites()) {
        stage.rewrite(b, stored);
      } else {
        stored.write(input, at, Math.min(chunk, input.length - at));
      }
    }
    if (stage.rewrites()) {
      stage.endRewrite(stored);
    }
    stage.end();
    return stored.toByteArray();
  }

  String dcmdump(byte[] file) throws Exception {
    Path f = Files.write(dir.resolve("out-" + System.nanoTime() + ".dcm"), file);
    Process p = new ProcessBuilder("dcmdump", "+L", f.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    assertEquals("", err, "dcmdump warns");
    assertFalse(out.contains("W: ") || out.contains("E: "), out);
    return out;
  }

  static String value(String dump, String tag) {
    Matcher m =
        Pattern.compile("^\\s*" + Pattern.quote(tag) + " \\w\\w \\[([^\\]]*)\\]", Pattern.MULTILINE)
            .matcher(dump);
    return m.find() ? m.group(1) : null;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void rejectRefusesNamingTheAttributesAtEveryLevel() throws Exception {
    pixelDir = dir;
    byte[] file = dcm("a", identifying(SOP_A, SOP_B, "20240131", pixels(1)));
    PrivacyStage stage = stages.forFile(policy("reject", Map.of()));
    pass(stage, file, 100);
    ApiError refused = assertThrows(ApiError.class, stage::check);
    assertEquals(ApiError.Kind.UNPROCESSABLE, refused.kind());
    assertEquals("IDENTIFYING_DATA", refused.code());
    String attributes = refused.details().get("attributes").toString();
    for (String named :
        List.of(
            "PatientName",
            "(0010,1002)[0]>(0010,0020)",
            "(0009,1001)",
            "InstitutionName",
            "StudyDate")) {
      assertTrue(attributes.contains(named), named + " in " + attributes);
    }
    assertFalse(attributes.contains("Garcia"), "a value leaked: " + attributes);
    assertEquals("reject", refused.details().get("policy"));
  }

  @Test
  void flagStoresTheBytesAndSummarisesFindingsWithoutValues() throws Exception {
    pixelDir = dir;
    byte[] file = dcm("a", identifying(SOP_A, SOP_B, "20240131", pixels(1)));
    PrivacyStage stage = stages.forFile(policy("flag", Map.of()));
    byte[] stored = pass(stage, file, 333);
    stage.check();
    assertTrue(java.util.Arrays.equals(file, stored));
    Map<String, Object> summary = stage.summary();
    assertEquals("flag", summary.get("policy"));
    String text = summary.toString();
    assertTrue(text.contains("(0010,1002)[0]>(0010,0020)"), text);
    for (String v : IDENTIFYING) {
      assertFalse(text.contains(v), v + " leaked into " + text);
    }
  }

  @Test
  void acceptHasNoStage() {
    assertNull(stages.forFile(policy("accept", Map.of())));
  }

  @Test
  void deidentifyWritesValidDicomWithoutIdentifyingValues() throws Exception {
    pixelDir = dir;
    byte[] pixelsA = pixels(1);
    byte[] a = dcm("a", identifying(SOP_A, SOP_B, "20240131", pixelsA));
    byte[] b = dcm("b", identifying(SOP_B, SOP_A, "20240205", pixels(2)));
    byte[] outA = deidentify(a, 97);
    byte[] outB = deidentify(b, 4096);
    String dumpA = dcmdump(outA);
    String dumpB = dcmdump(outB);
    String latin = new String(outA, StandardCharsets.ISO_8859_1);
    for (String v : IDENTIFYING) {
      assertFalse(latin.contains(v), v + " is still in the output:\n" + dumpA);
    }
    assertEquals("YES", value(dumpA, "(0012,0062)"));
    assertTrue(dumpA.contains("[113100]"), dumpA);
    assertTrue(contains(outA, pixelsA), "pixel data changed");
    // UIDs: one study, references across files agree, the same file again maps the same.
    assertEquals(value(dumpA, "(0020,000d)"), value(dumpB, "(0020,000d)"));
    assertNotEquals(STUDY, value(dumpA, "(0020,000d)"));
    assertEquals(value(dumpB, "(0008,0018)"), value(dumpA, "(0008,1155)"));
    assertEquals(value(dumpA, "(0008,0018)"), value(dumpA, "(0002,0003)"));
    assertTrue(java.util.Arrays.equals(outA, deidentify(a, 5000)), "not deterministic");
    // One shift per patient.
    DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
    long shiftA =
        ChronoUnit.DAYS.between(
            LocalDate.parse("20240131", da), LocalDate.parse(value(dumpA, "(0008,0020)"), da));
    long shiftB =
        ChronoUnit.DAYS.between(
            LocalDate.parse("20240205", da), LocalDate.parse(value(dumpB, "(0008,0020)"), da));
    assertNotEquals(0, shiftA);
    assertEquals(shiftA, shiftB);
    assertTrue(value(dumpA, "(0010,0020)").startsWith("SIN-"), dumpA);
  }

  byte[] deidentify(byte[] input, int chunk) throws Exception {
    PrivacyStage stage = stages.forFile(DEIDENTIFY_DATES);
    byte[] out = pass(stage, input, chunk);
    stage.check();
    assertTrue(stage.deidentified());
    assertTrue(stage.summary().containsKey("actions"), stage.summary().toString());
    return out;
  }

  @Test
  void notDicomIsStoredUnderRejectAndRefusedUnderDeidentify() throws Exception {
    byte[] text = "just a text file, Garcia^Maria\n".repeat(20).getBytes(StandardCharsets.US_ASCII);
    PrivacyStage reject = stages.forFile(policy("reject", Map.of()));
    pass(reject, text, 64);
    reject.check();
    assertNull(reject.summary());
    PrivacyStage deid = stages.forFile(DEIDENTIFY_DATES);
    assertEquals(0, pass(deid, text, 64).length, "nothing of it is written");
    ApiError refused = assertThrows(ApiError.class, deid::check);
    assertEquals("NOT_DEIDENTIFIABLE", refused.code());
  }

  @Test
  void truncatedDicomIsRefusedUnderReject() throws Exception {
    pixelDir = dir;
    byte[] file = dcm("a", identifying(SOP_A, SOP_B, "20240131", pixels(1)));
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 100);
    PrivacyStage stage = stages.forFile(policy("reject", Map.of()));
    pass(stage, cut, 1000);
    assertEquals("UNCHECKABLE_DICOM", assertThrows(ApiError.class, stage::check).code());
  }
}
