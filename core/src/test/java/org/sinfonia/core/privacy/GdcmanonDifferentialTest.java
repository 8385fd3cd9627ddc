package org.sinfonia.core.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.ingest.DeidentifyingPass;

/**
 * Sinfonia's de-identification (a {@code deidentify} policy with no option: the plain Basic
 * Application Level Confidentiality Profile) against GDCM's {@code gdcmanon -e}, which implements
 * the same profile (PS3.15 E.1.1), on the same two CT images of one study. Each output is read with
 * dcmdump and every attribute, by tag path inside sequences too, gets a fate against the input:
 * kept, replaced, emptied, removed (or added). Where the two tools give an attribute different
 * fates, the difference must be in {@link #DIFFERENCES} with the side PS3.15 Table E.1-1 supports;
 * any other difference fails, naming the attribute.
 *
 * <p>gdcmanon's basic profile always writes an Encrypted Attributes Sequence, so it needs a
 * recipient certificate: the test makes a throwaway one with openssl. The test is skipped when
 * gdcmanon (Debian libgdcm-tools), openssl or dcmtk is missing.
 */
class GdcmanonDifferentialTest {

  /** What became of an attribute of the input (or of an output attribute the input lacked). */
  enum Fate {
    KEPT,
    REPLACED,
    EMPTIED,
    REMOVED,
    /** in this output, not in the input */
    ADDED,
    /** not in the input, not in this output (the other tool added it) */
    ABSENT
  }

  /** A known difference: each side's fate and why, from PS3.15 Table E.1-1. */
  record Difference(Fate sinfonia, Fate gdcmanon, String why) {}

  static final Map<String, Difference> DIFFERENCES = differences();

  private static Map<String, Difference> differences() {
    Map<String, Difference> d = new LinkedHashMap<>();
    list(
        d,
        Fate.REMOVED,
        Fate.REPLACED,
        "E.1.1 (7): the file meta of a de-identified file describes the de-identifying application;"
            + " Sinfonia drops the original's AE title, gdcmanon writes its own",
        "(0002,0016)");
    list(
        d,
        Fate.REPLACED,
        Fate.EMPTIED,
        "U: replaced by a UID consistent across the files; gdcmanon empties it",
        "(0008,0014)");
    list(
        d,
        Fate.EMPTIED,
        Fate.KEPT,
        "Z, X/Z, Z/D or X/Z/D: emptied; none is on gdcmanon's list, the short one of the early"
            + " editions of E.1-1 (no dates or times, no Referenced Study Sequence, no Requested"
            + " Procedure Description)",
        "(0008,0013)",
        "(0008,0020)",
        "(0008,0022)",
        "(0008,0023)",
        "(0008,002A)",
        "(0008,0030)",
        "(0008,0032)",
        "(0008,0033)",
        "(0008,1110)",
        "(0032,1060)");
    list(
        d,
        Fate.REPLACED,
        Fate.KEPT,
        "X/D: a dummy date or time (19000101, 000000); not on gdcmanon's list",
        "(0008,0012)",
        "(0008,0021)",
        "(0008,0031)");
    list(
        d,
        Fate.REMOVED,
        Fate.EMPTIED,
        "X: removed; gdcmanon empties what its list names, X rows included",
        "(0008,0081)",
        "(0008,0092)",
        "(0008,0094)",
        "(0008,1030)",
        "(0008,103E)",
        "(0008,1040)",
        "(0008,1048)",
        "(0008,1050)",
        "(0008,1060)",
        "(0010,0032)",
        "(0010,1000)",
        "(0010,1001)",
        "(0010,1010)",
        "(0010,1020)",
        "(0010,1030)",
        "(0010,2160)",
        "(0010,4000)",
        "(0020,4000)",
        "(0040,0275)");
    list(
        d,
        Fate.REMOVED,
        Fate.KEPT,
        "X: removed; not on gdcmanon's list (it keeps even the patient's address and telephone)",
        "(0010,0021)",
        "(0010,1002)",
        "(0010,1040)",
        "(0010,2154)",
        "(0032,1032)",
        "(0040,0244)",
        "(0040,0245)",
        "(0040,0253)",
        "(0040,0254)");
    list(
        d,
        Fate.REMOVED,
        Fate.KEPT,
        "private attributes: X unless the Retain Safe Private Option names them; gdcmanon keeps"
            + " every private attribute",
        "(0009,0010)",
        "(0009,1001)",
        "(0009,1002)");
    list(
        d,
        Fate.REPLACED,
        Fate.EMPTIED,
        "Z allows a dummy value: Sinfonia writes a keyed pseudonym (one per patient, so a"
            + " patient's studies stay together); gdcmanon empties them",
        "(0010,0010)",
        "(0010,0020)");
    list(
        d,
        Fate.REPLACED,
        Fate.EMPTIED,
        "X/D: a dummy value (ANONYMOUS); gdcmanon empties it, which X/D does not offer",
        "(0018,1030)");
    list(
        d,
        Fate.ADDED,
        Fate.ABSENT,
        "E.1.1 (6): the CID 7050 codes of the profile and options go into De-identification"
            + " Method Code Sequence; gdcmanon writes only the optional text (0012,0063)",
        "(0012,0064)");
    list(
        d,
        Fate.ADDED,
        Fate.ABSENT,
        "Annex E: Longitudinal Temporal Information Modified is REMOVED when no temporal option is"
            + " applied; gdcmanon does not write it",
        "(0028,0303)");
    list(
        d,
        Fate.ABSENT,
        Fate.ADDED,
        "E.1.1 (4): the originals may be kept encrypted for re-identification; gdcmanon -e always"
            + " writes them for the certificate holder, Sinfonia never stores the originals",
        "(0400,0500)");
    return d;
  }

  private static void list(
      Map<String, Difference> d, Fate sinfonia, Fate gdcmanon, String why, String... paths) {
    for (String path : paths) {
      if (d.put(path, new Difference(sinfonia, gdcmanon, why)) != null) {
        throw new IllegalStateException(path + " is listed twice");
      }
    }
  }

  static final SiteKey KEY = KeyedMappingTest.KEY;
  static final PrivacyPolicy BASIC_PROFILE = PrivacyPolicy.fromMap(Map.of("policy", "deidentify"));
  private static final Set<Fate> GONE = EnumSet.of(Fate.REMOVED, Fate.EMPTIED, Fate.ABSENT);

  @TempDir Path dir;

  private final List<byte[]> pixels =
      List.of(IdentifyingCtStudy.pixels(1), IdentifyingCtStudy.pixels(2));
  private final List<DumpPaths> input = new ArrayList<>();
  private final List<DumpPaths> sinfonia = new ArrayList<>();
  private final List<DumpPaths> gdcmanon = new ArrayList<>();
  private final List<byte[]> inputBytes = new ArrayList<>();
  private final List<byte[]> sinfoniaBytes = new ArrayList<>();

  @BeforeAll
  static void toolsInstalled() {
    assumeTrue(onPath("gdcmanon"), "gdcmanon is not on PATH (apt-get install libgdcm-tools)");
    assumeTrue(onPath("openssl"), "openssl is not on PATH (gdcmanon -e needs a certificate)");
    assumeTrue(Dcmtk.available(), "dcmtk is not installed");
  }

  @BeforeEach
  void deidentifyBothWays() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path in = Files.createDirectories(dir.resolve("in"));
    Path gdcm = Files.createDirectories(dir.resolve("gdcmanon"));
    Path sin = Files.createDirectories(dir.resolve("sinfonia"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path made = IdentifyingCtStudy.write(work, i, pixels.get(i));
      files.add(Files.move(made, in.resolve(made.getFileName())));
    }
    Dcmtk.run(
        work,
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=Sinfonia gdcmanon test",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem"));
    // One run over the directory: gdcmanon maps each UID once per run, so the two files stay
    // linked (as Sinfonia's keyed mapping keeps them, run or no run).
    Dcmtk.run(
        work,
        List.of(
            "gdcmanon",
            "-e",
            "--certificate",
            work.resolve("cert.pem").toString(),
            "-i",
            in.toString(),
            "-o",
            gdcm.toString()));
    for (Path f : files) {
      byte[] original = Files.readAllBytes(f);
      byte[] out = DeidentifyingPass.run(BASIC_PROFILE, KEY, original, 1000);
      inputBytes.add(original);
      sinfoniaBytes.add(out);
      input.add(DumpPaths.of(f));
      sinfonia.add(DumpPaths.of(Files.write(sin.resolve(f.getFileName()), out)));
      gdcmanon.add(DumpPaths.of(gdcm.resolve(f.getFileName())));
    }
  }

  @Test
  void everyDifferenceFromGdcmanonIsListedAndJustified() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      Map<String, DumpPaths.Value> in = input.get(i).values();
      Map<String, Fate> s = fates(in, sinfonia.get(i).values());
      Map<String, Fate> g = fates(in, gdcmanon.get(i).values());
      Set<String> paths = new LinkedHashSet<>(s.keySet());
      paths.addAll(g.keySet());
      Set<String> seen = new LinkedHashSet<>();
      for (String path : paths) {
        Fate fs = s.getOrDefault(path, Fate.ABSENT);
        Fate fg = g.getOrDefault(path, Fate.ABSENT);
        if (fs == fg) {
          continue;
        }
        Difference listed = DIFFERENCES.get(path);
        String what =
            "image "
                + i
                + " "
                + path
                + " "
                + keyword(path, i)
                + ": Sinfonia "
                + fs
                + ", gdcmanon "
                + fg;
        if (listed != null) {
          seen.add(path);
          if (listed.sinfonia() != fs || listed.gdcmanon() != fg) {
            problems.add(
                what
                    + " (listed as Sinfonia "
                    + listed.sinfonia()
                    + ", gdcmanon "
                    + listed.gdcmanon()
                    + ")");
          }
        } else if (!underListedGoneSequence(path, s, g)) {
          problems.add(what + " is not in the table of known differences");
        }
      }
      for (String path : DIFFERENCES.keySet()) {
        if (!seen.contains(path)) {
          problems.add("image " + i + " " + path + " is listed but the tools agree on it now");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void sinfoniaWritesCleanDicomWithThePixelsUntouchedAndTheMarkers() {
    for (int i = 0; i < sinfonia.size(); i++) {
      Map<String, DumpPaths.Value> out = sinfonia.get(i).values();
      assertEquals("", sinfonia.get(i).warnings(), "dcmdump warns on Sinfonia's image " + i);
      assertEquals("", gdcmanon.get(i).warnings(), "dcmdump warns on gdcmanon's image " + i);
      byte[] bytes = sinfoniaBytes.get(i);
      byte[] px = pixels.get(i);
      // Pixel Data is the last element: its value is the file's tail, byte for byte.
      assertEquals(px.length, out.get("(7FE0,0010)").length());
      assertArrayEquals(
          px, Arrays.copyOfRange(bytes, bytes.length - px.length, bytes.length), "pixel data");
      assertArrayEquals(new byte[128], Arrays.copyOf(bytes, 128), "the preamble is zeros");
      assertEquals("[YES]", out.get("(0012,0062)").text());
      assertEquals("[113100]", out.get("(0012,0064)[0]>(0008,0100)").text());
      assertEquals("[DCM]", out.get("(0012,0064)[0]>(0008,0102)").text());
      assertEquals(1, out.get("(0012,0064)").length(), "no option codes under the basic profile");
      String latin = new String(bytes, StandardCharsets.ISO_8859_1);
      for (String v : IdentifyingCtStudy.IDENTIFYING) {
        assertFalse(latin.contains(v), v + " is still in Sinfonia's image " + i);
      }
    }
  }

  @Test
  void bothKeepTheStudyLinkedUnderNewUids() throws IOException {
    Map<String, List<DumpPaths>> sides = Map.of("Sinfonia", sinfonia, "gdcmanon", gdcmanon);
    Map<String, DumpPaths.Value> in = input.get(0).values();
    for (Map.Entry<String, List<DumpPaths>> side : sides.entrySet()) {
      Map<String, DumpPaths.Value> a = side.getValue().get(0).values();
      Map<String, DumpPaths.Value> b = side.getValue().get(1).values();
      String who = side.getKey();
      for (String shared : List.of("(0020,000D)", "(0020,000E)", "(0020,0052)")) {
        assertEquals(a.get(shared).text(), b.get(shared).text(), who + " " + shared);
        assertNotEquals(in.get(shared).text(), a.get(shared).text(), who + " " + shared);
      }
      for (String reference : List.of("(0008,1140)[0]>(0008,1155)", "(0008,2112)[0]>(0008,1155)")) {
        assertEquals(a.get("(0008,0018)").text(), b.get(reference).text(), who + " " + reference);
        assertEquals(b.get("(0008,0018)").text(), a.get(reference).text(), who + " " + reference);
      }
      assertEquals(a.get("(0008,0018)").text(), a.get("(0002,0003)").text(), who);
      assertNotEquals(in.get("(0008,0018)").text(), a.get("(0008,0018)").text(), who);
    }
    // gdcmanon maps each UID once per run; Sinfonia's mapping is keyed, the same on every run.
    assertArrayEquals(
        sinfoniaBytes.get(0), DeidentifyingPass.run(BASIC_PROFILE, KEY, inputBytes.get(0), 77));
  }

  private String keyword(String path, int image) {
    for (DumpPaths d : List.of(input.get(image), sinfonia.get(image), gdcmanon.get(image))) {
      DumpPaths.Value v = d.values().get(path);
      if (v != null) {
        return v.keyword();
      }
    }
    return "";
  }

  /** Each attribute's fate in {@code out}, against {@code in}; input order, then additions. */
  static Map<String, Fate> fates(
      Map<String, DumpPaths.Value> in, Map<String, DumpPaths.Value> out) {
    Map<String, Fate> fates = new LinkedHashMap<>();
    for (Map.Entry<String, DumpPaths.Value> e : in.entrySet()) {
      DumpPaths.Value now = out.get(e.getKey());
      DumpPaths.Value was = e.getValue();
      Fate f;
      if (now == null) {
        f = Fate.REMOVED;
      } else if (now.isEmpty() && !was.isEmpty()) {
        f = Fate.EMPTIED;
      } else if (was.isSequence() ? was.length() == now.length() : was.text().equals(now.text())) {
        f = Fate.KEPT;
      } else {
        f = Fate.REPLACED;
      }
      fates.put(e.getKey(), f);
    }
    for (String path : out.keySet()) {
      fates.putIfAbsent(path, Fate.ADDED);
    }
    return fates;
  }

  /**
   * True when a sequence holding {@code path} is a listed difference that one side removed or
   * emptied (or never wrote): what was inside it differs as a consequence, not on its own.
   */
  private static boolean underListedGoneSequence(
      String path, Map<String, Fate> s, Map<String, Fate> g) {
    for (int at = path.indexOf('['); at >= 0; at = path.indexOf('[', at + 1)) {
      String sequence = path.substring(0, at);
      if (DIFFERENCES.containsKey(sequence)
          && (GONE.contains(s.getOrDefault(sequence, Fate.ABSENT))
              || GONE.contains(g.getOrDefault(sequence, Fate.ABSENT)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
