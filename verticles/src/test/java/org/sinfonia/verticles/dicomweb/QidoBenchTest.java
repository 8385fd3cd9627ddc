package org.sinfonia.verticles.dicomweb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sinfonia.verticles.dicom.DicomCollections;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * QIDO-RS latency at scale, for {@code verticles/bench/dicomweb-bench.sh} (skipped unless {@code
 * -Dsinfonia.bench.qido=N}): N instance documents (50 per study, 2 series each) with their series
 * and study parts are seeded directly into the index of a node on the embedded MongoDB, then the
 * queries OHIF sends are timed through HTTP, one client, sequentially, after {@link #WARM_UP}
 * untimed calls; p50/p99 go to {@code -Dsinfonia.bench.out} as a Markdown table.
 */
class QidoBenchTest {

  /**
   * Calls of each query before timing: a served node is warm; fewer leave the JIT's compiling in
   * the figures.
   */
  private static final int WARM_UP = Integer.getInteger("sinfonia.bench.warmup", 200);

  @Test
  void qidoLatencyAtScale() throws Exception {
    int n = Integer.getInteger("sinfonia.bench.qido", 0);
    Assumptions.assumeTrue(n > 0, "benchmark only: -Dsinfonia.bench.qido=100000");
    try (TestNode node = TestNode.start()) {
      Api api = Api.demo(node);
      DicomWeb web = new DicomWeb(node, api);
      String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      MongoClient mongo =
          MongoClient.create(
              node.vertx,
              new JsonObject()
                  .put("connection_string", node.node.mongoUri())
                  .put("db_name", node.config.mongo().database()));
      long t0 = System.nanoTime();
      int studies = Math.max(1, n / 50);
      seed(mongo, home, studies);
      double seedS = (System.nanoTime() - t0) / 1e9;
      String q =
          "limit=101&offset=0&fuzzymatching=false&includefield=00081030,00080060,00080090,00100030";
      Map<String, String> queries = new LinkedHashMap<>();
      queries.put("OHIF study list (no filter)", "/dicom-web/studies?" + q);
      queries.put(
          "PatientName=*patient12*", "/dicom-web/studies?" + q + "&PatientName=*patient12*");
      queries.put(
          "StudyDate=20240101-20240131",
          "/dicom-web/studies?" + q + "&StudyDate=20240101-20240131");
      queries.put("PatientID=BENCH00042", "/dicom-web/studies?" + q + "&00100020=BENCH00042");
      queries.put(
          "3 StudyInstanceUIDs",
          "/dicom-web/studies?"
              + q
              + "&StudyInstanceUID="
              + study(7)
              + "%5C"
              + study(70)
              + "%5C"
              + study(700));
      queries.put(
          "series of a study",
          "/dicom-web/studies/" + study(42) + "/series?includefield=0008103E,00080021");
      queries.put(
          "instances of a series",
          "/dicom-web/studies/" + study(42) + "/series/" + series(42, 1) + "/instances");
      StringBuilder table =
          new StringBuilder(
              "| QIDO-RS query ("
                  + n
                  + " instances, "
                  + studies
                  + " studies, "
                  + "embedded MongoDB) | results | p50 ms | p99 ms |\n| --- | --- | --- | --- |\n");
      // For profiling one query: -Dsinfonia.bench.only=<regex on the names>
      // -Dsinfonia.bench.repeat=5000
      String only = System.getProperty("sinfonia.bench.only", ".*");
      for (Map.Entry<String, String> e : queries.entrySet()) {
        if (!e.getKey().matches(only)) {
          continue;
        }
        int results = 0;
        for (int i = 0; i < WARM_UP; i++) {
          results = web.qido("alice", e.getValue()).size();
        }
        double[] ms = new double[Integer.getInteger("sinfonia.bench.repeat", 300)];
        for (int i = 0; i < ms.length; i++) {
          long s = System.nanoTime();
          HttpResponse<Buffer> r = web.get("alice", e.getValue(), "application/dicom+json");
          ms[i] = (System.nanoTime() - s) / 1e6;
          if (r.statusCode() != 200) {
            throw new AssertionError(e.getValue() + " -> " + r.statusCode());
          }
        }
        Arrays.sort(ms);
        table.append(
            String.format(
                "| %s | %d | %.1f | %.1f |%n",
                e.getKey(), results, ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1]));
      }
      if (only.equals(".*") || "changes".matches(only)) {
        table.append(
            studyListAfterChanges(
                mongo, web, home, studies, queries.get("OHIF study list (no filter)")));
      }
      table.append(String.format("%nSeeded %d instance documents in %.0f s.%n", n, seedS));
      if (Boolean.parseBoolean(System.getProperty("sinfonia.bench.metadata", "true"))) {
        table.append(metadataOfALargeSeries(mongo, web, home));
      }
      String out = System.getProperty("sinfonia.bench.out", "target/qido-bench.md");
      Files.writeString(Path.of(out), table.toString());
      System.out.println(table);
      Await.result(mongo.close());
    }
  }

  /**
   * The study list while the index changes, as during an ingest: before each timed call one study
   * part gains an instance and the study-part version is bumped the way registration bumps it.
   */
  private static String studyListAfterChanges(
      MongoClient mongo, DicomWeb web, String folder, int studies, String query) {
    int repeat = Integer.getInteger("sinfonia.bench.changes", 100);
    double[] ms = new double[repeat];
    for (int i = -20; i < repeat; i++) { // 20 unmeasured rounds first
      String partId = DicomCollections.partId(folder, study((i + 20) * 7919 % studies));
      Await.result(
          mongo.updateCollection(
              DicomCollections.STUDIES,
              new JsonObject().put("_id", partId),
              new JsonObject()
                  .put("$inc", new JsonObject().put("instances", 1L).put("version", 1L))));
      Await.result(
          mongo.updateCollectionWithOptions(
              DicomCollections.META,
              new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID),
              DicomCollections.studiesChanged(List.of(partId)),
              new io.vertx.ext.mongo.UpdateOptions().setUpsert(true)));
      long s = System.nanoTime();
      HttpResponse<Buffer> r = web.get("alice", query, "application/dicom+json");
      if (i >= 0) {
        ms[i] = (System.nanoTime() - s) / 1e6;
      }
      if (r.statusCode() != 200) {
        throw new AssertionError(query + " -> " + r.statusCode());
      }
    }
    Arrays.sort(ms);
    return String.format(
        "| OHIF study list, each call right after an index change | 101 | %.1f | %.1f |%n",
        ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1]);
  }

  /**
   * WADO-RS metadata of a 1,000-instance series (seeded with ~3 KB of header JSON each): cold,
   * cached, 304.
   */
  private static String metadataOfALargeSeries(MongoClient mongo, DicomWeb web, String folder) {
    String st = "1.2.826.0.1.3680043.98.1";
    String se = st + ".1";
    JsonObject acl =
        new JsonObject()
            .put("public", false)
            .put("users", new JsonObject().put("alice", 2))
            .put("groups", new JsonObject());
    JsonArray readers = new JsonArray().add("u:alice");
    StringBuilder filler = new StringBuilder();
    for (int k = 0; k < 60; k++) {
      filler.append(
          String.format(
              ",\"0019%04X\":{\"vr\":\"LO\",\"Value\":[\"private value number %d of this header\"]}",
              0x1000 + k, k));
    }
    List<BulkOperation> ops = new ArrayList<>();
    JsonArray uids = new JsonArray();
    for (int i = 1; i <= 1000; i++) {
      String sop = se + "." + i;
      uids.add(sop);
      String metadata =
          "{\"00020001\":{\"vr\":\"OB\",\"InlineBinary\":\"AAE=\"},\"00020010\":{\"vr\":\"UI\",\"Value\":"
              + "[\"1.2.840.10008.1.2.1\"]},\"00080018\":{\"vr\":\"UI\",\"Value\":[\""
              + sop
              + "\"]},\"0020000D\":{\"vr\":"
              + "\"UI\",\"Value\":[\""
              + st
              + "\"]},\"0020000E\":{\"vr\":\"UI\",\"Value\":[\""
              + se
              + "\"]},\"00200013\":"
              + "{\"vr\":\"IS\",\"Value\":["
              + i
              + "]}"
              + filler
              + ",\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":"
              + "\"bulkdata/1366/524288\"}}";
      ops.add(
          BulkOperation.createInsert(
              new JsonObject()
                  .put("_id", sop)
                  .put("studyUid", st)
                  .put("seriesUid", se)
                  .put("folderId", folder)
                  .put("acl", acl)
                  .put("readers", readers)
                  .put("metadata", metadata)
                  .put("attrs", new JsonObject().put("00200013", el("IS", i)))));
    }
    write(mongo, DicomCollections.INSTANCES, ops);
    write(
        mongo,
        DicomCollections.SERIES,
        List.of(
            BulkOperation.createInsert(
                new JsonObject()
                    .put("_id", folder + "|" + se)
                    .put("seriesUid", se)
                    .put("studyUid", st)
                    .put("folderId", folder)
                    .put("acl", acl)
                    .put("readers", readers)
                    .put("instances", 1000L)
                    .put("instanceUids", uids)
                    .put("version", 1L))));
    write(
        mongo,
        DicomCollections.STUDIES,
        List.of(
            BulkOperation.createInsert(
                new JsonObject()
                    .put("_id", folder + "|" + st)
                    .put("studyUid", st)
                    .put("folderId", folder)
                    .put("acl", acl)
                    .put("readers", readers)
                    .put("instances", 1000L)
                    .put("series", new JsonArray().add(se))
                    .put("attrs", new JsonObject()))));
    Await.result(
        mongo.updateCollectionWithOptions(
            DicomCollections.META,
            new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID),
            new JsonObject().put("$inc", new JsonObject().put("version", 1L)),
            new io.vertx.ext.mongo.UpdateOptions().setUpsert(true)));
    String path = "/dicom-web/studies/" + st + "/series/" + se + "/metadata";
    long t0 = System.nanoTime();
    HttpResponse<Buffer> cold = web.get("alice", path, "application/dicom+json");
    double coldMs = (System.nanoTime() - t0) / 1e6;
    if (cold.statusCode() != 200 || cold.bodyAsJsonArray().size() != 1000) {
      throw new AssertionError("metadata: " + cold.statusCode());
    }
    // Cache misses with a warm JIT: each bump of the series part's version makes the cached answer
    // stale.
    double[] miss = new double[Integer.getInteger("sinfonia.bench.metadataMisses", 10)];
    for (int i = 0; i < miss.length; i++) {
      Await.result(
          mongo.updateCollection(
              DicomCollections.SERIES,
              new JsonObject().put("_id", folder + "|" + se),
              new JsonObject().put("$inc", new JsonObject().put("version", 1L))));
      long s = System.nanoTime();
      HttpResponse<Buffer> r = web.get("alice", path, "application/dicom+json");
      miss[i] = (System.nanoTime() - s) / 1e6;
      if (r.statusCode() != 200 || r.body().length() != cold.body().length()) {
        throw new AssertionError("metadata after a change: " + r.statusCode());
      }
    }
    Arrays.sort(miss);
    double[] warm = new double[50];
    for (int i = 0; i < warm.length; i++) {
      long s = System.nanoTime();
      web.get("alice", path, "application/dicom+json");
      warm[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(warm);
    String etag = web.get("alice", path, "application/dicom+json").getHeader("ETag");
    long s304 = System.nanoTime();
    HttpResponse<Buffer> notModified =
        Await.result(
            web.request("alice", io.vertx.core.http.HttpMethod.GET, path)
                .putHeader("If-None-Match", etag)
                .send());
    double ms304 = (System.nanoTime() - s304) / 1e6;
    return String.format(
        "%nWADO-RS metadata of a 1,000-instance series (%.1f MB of DICOM JSON): first request "
            + "%.0f ms, cache miss (warm JVM) p50 %.0f ms / max %.0f ms, cached p50 %.1f ms, If-None-Match %d in %.1f ms.%n",
        cold.body().length() / 1e6,
        coldMs,
        miss.length == 0 ? 0 : miss[miss.length / 2],
        miss.length == 0 ? 0 : miss[miss.length - 1],
        warm[warm.length / 2],
        notModified.statusCode(),
        ms304);
  }

  private static String study(int s) {
    return "1.2.826.0.1.3680043.99." + s;
  }

  private static String series(int s, int k) {
    return study(s) + "." + k;
  }

  private static JsonObject el(String vr, Object value) {
    JsonObject e = new JsonObject().put("vr", vr);
    return value == null ? e : e.put("Value", new JsonArray().add(value));
  }

  private static void seed(MongoClient mongo, String folder, int studies) {
    JsonObject acl =
        new JsonObject()
            .put("public", false)
            .put("users", new JsonObject().put("alice", 2))
            .put("groups", new JsonObject());
    JsonArray readers = new JsonArray().add("u:alice");
    List<BulkOperation> inst = new ArrayList<>();
    List<BulkOperation> ser = new ArrayList<>();
    List<BulkOperation> stu = new ArrayList<>();
    for (int s = 0; s < studies; s++) {
      String st = study(s);
      String date = String.format("2024%02d%02d", 1 + s / 28 % 12, 1 + s % 28);
      JsonObject studyAttrs =
          new JsonObject()
              .put("00080005", el("CS", "ISO_IR 100"))
              .put("00080020", el("DA", date))
              .put("00080030", el("TM", "120000"))
              .put("00080050", el("SH", "ACC" + s))
              .put("00080090", el("PN", null))
              .put("00081030", el("LO", "Bench study " + s))
              .put("00100010", el("PN", new JsonObject().put("Alphabetic", "Bench^Patient" + s)))
              .put("00100020", el("LO", String.format("BENCH%05d", s)))
              .put("00100030", el("DA", "19700101"))
              .put("00100040", el("CS", "O"))
              .put("0020000D", el("UI", st))
              .put("00200010", el("SH", "" + s));
      JsonArray seriesUids = new JsonArray();
      for (int k = 1; k <= 2; k++) {
        String se = series(s, k);
        seriesUids.add(se);
        String modality = k == 1 ? "CT" : "PT";
        JsonObject seriesAttrs =
            new JsonObject()
                .put("00080060", el("CS", modality))
                .put("0008103E", el("LO", "Series " + k))
                .put("0020000E", el("UI", se))
                .put("00200011", el("IS", k))
                .put("0020000D", el("UI", st));
        JsonArray uids = new JsonArray();
        for (int i = 1; i <= 25; i++) {
          String sop = se + "." + i;
          uids.add(sop);
          inst.add(
              BulkOperation.createInsert(
                  new JsonObject()
                      .put("_id", sop)
                      .put("studyUid", st)
                      .put("seriesUid", se)
                      .put("sopClassUid", "1.2.840.10008.5.1.4.1.1.2")
                      .put("transferSyntaxUid", "1.2.840.10008.1.2.1")
                      .put("folderId", folder)
                      .put("acl", acl)
                      .put("readers", readers)
                      .put("modality", modality)
                      .put("study", studyAttrs)
                      .put("series", seriesAttrs)
                      .put(
                          "attrs",
                          new JsonObject()
                              .put("00080016", el("UI", "1.2.840.10008.5.1.4.1.1.2"))
                              .put("00080018", el("UI", sop))
                              .put("00200013", el("IS", i))
                              .put("00280010", el("US", 512))
                              .put("00280011", el("US", 512)))));
        }
        ser.add(
            BulkOperation.createInsert(
                new JsonObject()
                    .put("_id", folder + "|" + se)
                    .put("seriesUid", se)
                    .put("studyUid", st)
                    .put("folderId", folder)
                    .put("modality", modality)
                    .put("attrs", seriesAttrs)
                    .put("acl", acl)
                    .put("readers", readers)
                    .put("instances", 25L)
                    .put("instanceUids", uids)));
      }
      stu.add(
          BulkOperation.createInsert(
              new JsonObject()
                  .put("_id", folder + "|" + st)
                  .put("studyUid", st)
                  .put("folderId", folder)
                  .put("attrs", studyAttrs)
                  .put("acl", acl)
                  .put("readers", readers)
                  .put("instances", 50L)
                  .put("series", seriesUids)
                  .put("modalities", new JsonArray().add("CT").add("PT"))));
    }
    write(mongo, DicomCollections.STUDIES, stu);
    write(mongo, DicomCollections.SERIES, ser);
    write(mongo, DicomCollections.INSTANCES, inst);
    Await.result(
        mongo.updateCollectionWithOptions(
            DicomCollections.META,
            new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID),
            new JsonObject().put("$inc", new JsonObject().put("version", 1L)),
            new io.vertx.ext.mongo.UpdateOptions().setUpsert(true)));
  }

  private static void write(MongoClient mongo, String collection, List<BulkOperation> ops) {
    for (int i = 0; i < ops.size(); i += 1000) {
      Await.result(
          mongo.bulkWrite(collection, ops.subList(i, Math.min(ops.size(), i + 1000))), 600);
    }
  }
}
