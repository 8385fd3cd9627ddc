package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
 * OHIF's own DICOMweb client ({@code dicomweb-client} 0.11.3 in Node, XMLHttpRequest from {@code
 * xhr2}) stores dcmtk-generated studies, searches them with the exact queries OHIF's study list
 * sends, and reads series, instances, metadata, frames, bulk data and an instance back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class OhifClientTest {

  @TempDir static Path dir;

  private TestNode node;
  private Api api;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    new DicomWeb(node, api).warmUp(dir);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void ohifDicomwebClientWorksAgainstSinfonia() throws Exception {
    Path home = NodeClient.install();
    Path files = Files.createDirectories(dir.resolve("in"));
    Path work = Files.createDirectories(dir.resolve("work"));
    for (int s = 1; s <= 3; s++) {
      String study = "1.2.826.77." + s;
      for (int i = 1; i <= 2; i++) {
        Path f =
            DicomFiles.ct(
                work,
                study,
                study + "." + i,
                study + "." + i + ".1",
                "Ohif^Patient" + s,
                "OHIF-" + s,
                s == 2 && i == 2 ? "MR" : "CT");
        Files.move(f, files.resolve(f.getFileName()));
      }
    }
    NodeClient.Result r =
        NodeClient.node(
            home.resolve("ohif-client.js").toAbsolutePath().toString(),
            List.of(node.url("/dicom-web"), files.toString()),
            Map.of("SINFONIA_TOKEN", api.token("alice")),
            120);
    assertEquals(0, r.code(), r.stderr() + r.stdout());
    JsonObject out = new JsonObject(r.stdout().trim());

    assertEquals(
        6, out.getJsonObject("stored").getJsonObject("00081199").getJsonArray("Value").size());
    JsonArray three = new JsonArray().add("1.2.826.77.1").add("1.2.826.77.2").add("1.2.826.77.3");
    assertEquals(three, out.getJsonArray("allStudies"));
    JsonObject first = out.getJsonObject("firstStudy");
    for (String tag :
        List.of(
            "00081030",
            "00080090",
            "00100030",
            "00080061",
            "00201206",
            "00201208",
            "00081190",
            "00100010",
            "00100020",
            "0020000D",
            "00080020")) {
      assertTrue(first.containsKey(tag), "study result has " + tag + ": " + first.encode());
    }
    assertEquals(
        three, out.getJsonArray("byName"), "PatientName=*ohif* matches case-insensitively");
    assertEquals(three, out.getJsonArray("byNameFuzzy"));
    assertEquals(new JsonArray().add("1.2.826.77.2"), out.getJsonArray("byPatientId"));
    assertEquals(three, out.getJsonArray("byDescription"));
    assertEquals(three, out.getJsonArray("byAccession"));
    assertEquals(new JsonArray().add("1.2.826.77.2"), out.getJsonArray("byModality"));
    assertEquals(three, out.getJsonArray("byDates"));
    assertEquals(new JsonArray(), out.getJsonArray("byDatesOutside"));
    assertEquals(
        new JsonArray().add("1.2.826.77.1").add("1.2.826.77.2"), out.getJsonArray("byUids"));
    assertEquals(1, out.getJsonArray("paged").size());

    JsonArray series = out.getJsonArray("series");
    assertEquals(2, series.size());
    assertTrue(
        series.getJsonObject(0).containsKey("0008103E")
            || series.getJsonObject(0).containsKey("00080060"));
    assertEquals(
        1, series.getJsonObject(0).getJsonObject("00201209").getJsonArray("Value").getInteger(0));
    assertEquals(1, out.getJsonArray("instances").size());
    assertEquals(1, out.getJsonArray("metadata").size());
    assertEquals(new JsonArray().add(128), out.getJsonArray("frameBytes"), "8 x 8 x 16 bits");
    assertEquals(new JsonArray().add(128), out.getJsonArray("anyFrameBytes"));
    assertEquals(new JsonArray().add(128), out.getJsonArray("bulkBytes"));
    assertTrue(out.getInteger("instanceBytes") > 128);
  }
}
