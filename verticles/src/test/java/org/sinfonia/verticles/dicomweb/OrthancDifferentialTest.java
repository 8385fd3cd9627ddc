package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The same corpus in Sinfonia and in Orthanc (Debian's orthanc + orthanc-dicomweb, started
 * privately by {@code src/test/orthanc/orthanc-qido.sh}), the same QIDO-RS queries to both, the
 * answers compared result by result and attribute by attribute. Deliberate differences are listed
 * in {@link #DIFFERENCES} and in the README; anything else fails. Skipped (assumption) when Orthanc
 * is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class OrthancDifferentialTest {

  private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
  private static final Path PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

  /**
   * A deliberate difference: in queries containing {@code query}, diff lines containing {@code
   * what}.
   */
  record Difference(String query, String what, String why) {}

  /** The deliberate differences, each explained in the README's "Differences from Orthanc". */
  static final List<Difference> DIFFERENCES =
      List.of(
          new Difference(
              "PatientName=DOE%5EJOHN",
              "results",
              "person names match without regard to case also without wildcards (Orthanc: only with wildcards)"),
          new Difference(
              "=P-%3F",
              "results",
              "'?' matches one character (PS3.4 C.2.2.2.4); Orthanc 1.10 matches nothing"),
          new Difference(
              "StudyInstanceUID=1.2.826.88.1%5C",
              "results",
              "UID list matching with '\\' (PS3.4 C.2.2.2.2, what OHIF sends); Orthanc 1.10 + plugin 1.7 match nothing"),
          new Difference(
              "includefield=00081030,00080060",
              " 00080060: sinfonia null",
              "Modality is a series attribute: a study answers ModalitiesInStudy (Orthanc adds one series' Modality)"));

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;

  @BeforeAll
  void start() {
    Assumptions.assumeTrue(
        Files.isExecutable(ORTHANC) && Files.exists(PLUGIN) && NodeClient.onPath("curl"),
        "Orthanc (apt-get install orthanc orthanc-dicomweb) or curl is not installed: differential test skipped");
    node = TestNode.start();
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    web.warmUp(dir);
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static final String A = "1.2.826.88.1";
  private static final String B = "1.2.826.88.2";
  private static final String C = "1.2.826.88.3";
  private static final String D = "1.2.826.88.4";

  private List<Path> corpus(Path out) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    List<Path> files = new ArrayList<>();
    record Spec(
        String study,
        int series,
        int instance,
        String name,
        String id,
        String modality,
        String date,
        String time,
        String description,
        String accession,
        String seriesDescription) {}
    List<Spec> specs =
        List.of(
            new Spec(
                A,
                1,
                1,
                "Doe^John",
                "P-1",
                "CT",
                "20240115",
                "101500",
                "Staging CT",
                "ACC100",
                "Thorax"),
            new Spec(
                A,
                1,
                2,
                "Doe^John",
                "P-1",
                "CT",
                "20240115",
                "101500",
                "Staging CT",
                "ACC100",
                "Thorax"),
            new Spec(
                A,
                2,
                1,
                "Doe^John",
                "P-1",
                "PT",
                "20240115",
                "101500",
                "Staging CT",
                "ACC100",
                "FDG"),
            new Spec(
                B,
                1,
                1,
                "doe^jane",
                "P-2",
                "MR",
                "20240220",
                "090000",
                "Follow-up",
                "ACC200",
                "T1"),
            new Spec(
                B,
                1,
                2,
                "doe^jane",
                "P-2",
                "MR",
                "20240220",
                "090000",
                "Follow-up",
                "ACC200",
                "T1"),
            new Spec(
                C,
                1,
                1,
                "Smith^Anna",
                "P-3",
                "CT",
                "20231231",
                "235959",
                "Baseline",
                "XYZ9",
                "Abdomen"),
            new Spec(
                D,
                1,
                1,
                "Muller^Jurgen",
                "Q-4",
                "MR",
                "20240115",
                "083000",
                "Staging MR",
                "ACC400",
                "Brain"),
            new Spec(
                D,
                2,
                1,
                "Muller^Jurgen",
                "Q-4",
                "CT",
                "20240115",
                "083000",
                "Staging MR",
                "ACC400",
                "Planning"));
    for (Spec s : specs) {
      String series = s.study() + "." + s.series();
      Path f =
          DicomFiles.ct(
              work,
              s.study(),
              series,
              series + "." + s.instance(),
              s.name(),
              s.id(),
              s.modality(),
              Map.of(
                  "(0008,0020)",
                  "DA [" + s.date() + "]",
                  "(0008,0030)",
                  "TM [" + s.time() + "]",
                  "(0008,1030)",
                  "LO [" + s.description() + "]",
                  "(0008,0050)",
                  "SH [" + s.accession() + "]",
                  "(0008,103e)",
                  "LO [" + s.seriesDescription() + "]",
                  "(0020,0011)",
                  "IS [" + s.series() + "]",
                  "(0020,0013)",
                  "IS [" + s.instance() + "]",
                  "(0008,0021)",
                  "DA [" + s.date() + "]",
                  "(0008,0005)",
                  "CS [ISO_IR 100]"));
      files.add(Files.move(f, out.resolve(f.getFileName())));
    }
    return files;
  }

  static final String OHIF_FIELDS = "includefield=00081030,00080060,00080090,00100030";
  static final List<String> QUERIES =
      List.of(
          "/studies",
          "/studies?PatientName=Doe*",
          "/studies?PatientName=*doe*",
          "/studies?PatientName=DOE%5EJOHN",
          "/studies?PatientID=P-2",
          "/studies?PatientID=P-%3F",
          "/studies?StudyDate=20240101-20240131",
          "/studies?StudyDate=20240115",
          "/studies?StudyDate=-20231231",
          "/studies?StudyDate=20240201-",
          "/studies?ModalitiesInStudy=MR",
          "/studies?ModalitiesInStudy=PT",
          "/studies?AccessionNumber=ACC*",
          "/studies?StudyDescription=*Staging*",
          "/studies?StudyInstanceUID=" + A + "%5C" + B,
          "/studies?limit=101&offset=0&fuzzymatching=false&" + OHIF_FIELDS + "&PatientName=*doe*",
          "/studies?limit=101&offset=0&fuzzymatching=false&"
              + OHIF_FIELDS
              + "&StudyDate=20240101-20240131",
          "/studies?limit=101&offset=0&fuzzymatching=false&" + OHIF_FIELDS + "&00100020=*P-1*",
          "/studies?limit=101&offset=0&fuzzymatching=false&"
              + OHIF_FIELDS
              + "&StudyInstanceUID="
              + A
              + "%5C"
              + C,
          "/studies?limit=101&offset=0&fuzzymatching=false&"
              + OHIF_FIELDS
              + "&ModalitiesInStudy=CT",
          "/series",
          "/series?Modality=CT",
          "/studies/" + A + "/series",
          "/studies/" + A + "/series?includefield=0008103E,00080021",
          "/studies/" + A + "/series?Modality=PT",
          "/instances",
          "/studies/" + A + "/instances",
          "/studies/" + A + "/series/" + A + ".1/instances",
          "/instances?SOPInstanceUID=" + B + ".1.2");

  @Test
  void sinfoniaAnswersQidoLikeOrthanc() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<Path> files = corpus(in);
    assertEquals(
        200, web.stow("alice", "/dicom-web/studies", DicomWeb.multipart(files)).statusCode());
    Path queries = dir.resolve("queries.txt");
    Files.write(queries, QUERIES, StandardCharsets.UTF_8);
    Path out = Files.createDirectories(dir.resolve("orthanc"));
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                Path.of("src/test/orthanc/orthanc-qido.sh").toAbsolutePath().toString(),
                in.toString(),
                queries.toString(),
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("orthanc.log").toFile());
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      pb.environment().put("ORTHANC_HTTP_PORT", Integer.toString(free.getLocalPort()));
    }
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "orthanc-qido.sh did not finish");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("orthanc.log")));

    List<String> report = new ArrayList<>();
    for (int i = 0; i < QUERIES.size(); i++) {
      String q = QUERIES.get(i);
      JsonArray theirs = new JsonArray(Files.readString(out.resolve((i + 1) + ".json")));
      JsonArray ours = web.qido("alice", "/dicom-web" + q);
      List<String> diffs = new ArrayList<>(compare(q, ours, theirs));
      diffs.removeIf(
          d -> DIFFERENCES.stream().anyMatch(x -> q.contains(x.query()) && d.contains(x.what())));
      if (!diffs.isEmpty()) {
        report.add(q + "\n    " + String.join("\n    ", diffs));
      }
    }
    Files.writeString(Path.of("target/orthanc-differential.txt"), String.join("\n", report));
    assertTrue(
        report.isEmpty(),
        report.size()
            + " of "
            + QUERIES.size()
            + " queries answered differently:\n"
            + String.join("\n", report));
  }

  /**
   * Results keyed by their RetrieveURL's path after /dicom-web; attributes compared by value, URLs
   * by path.
   */
  static List<String> compare(String query, JsonArray ours, JsonArray theirs) {
    Map<String, JsonObject> a = byUrl(ours);
    Map<String, JsonObject> b = byUrl(theirs);
    List<String> diffs = new ArrayList<>();
    if (!a.keySet().equals(b.keySet())) {
      diffs.add("results: sinfonia " + a.keySet() + " orthanc " + b.keySet());
      return diffs;
    }
    for (String k : a.keySet()) {
      JsonObject x = normalise(a.get(k));
      JsonObject y = normalise(b.get(k));
      Set<String> tags = new TreeSet<>(x.fieldNames());
      tags.addAll(y.fieldNames());
      for (String t : tags) {
        Object xv = x.getValue(t);
        Object yv = y.getValue(t);
        if (xv == null || yv == null || !xv.equals(yv)) {
          diffs.add(k + " " + t + ": sinfonia " + xv + " orthanc " + yv);
        }
      }
    }
    return diffs;
  }

  private static Map<String, JsonObject> byUrl(JsonArray results) {
    Map<String, JsonObject> out = new TreeMap<>();
    for (Object o : results) {
      JsonObject r = (JsonObject) o;
      String url = r.getJsonObject("00081190").getJsonArray("Value").getString(0);
      out.put(url.substring(url.indexOf("/dicom-web") + "/dicom-web".length()), r);
    }
    return out;
  }

  private static JsonObject normalise(JsonObject r) {
    JsonObject out = r.copy();
    String url = r.getJsonObject("00081190").getJsonArray("Value").getString(0);
    out.put("00081190", url.substring(url.indexOf("/dicom-web")));
    return out;
  }
}
