package org.sinfonia.verticles.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * A file is registered before the index writes its instance; a node that died in between leaves a
 * file the tree shows and QIDO-RS does not. Played here by removing one instance's index documents
 * by hand and leaving the run marker of an unclean stop: the next node indexes that file again,
 * from its stored header, and leaves the others as they were. A graceful stop removes the marker,
 * so the next start checks nothing.
 */
@ExtendWith(NoBlockedThreads.class)
class DicomReindexTest {

  private static final String KEPT_STUDY = "1.2.826.77.1";
  private static final String LOST_STUDY = "1.2.826.77.2";

  @TempDir Path dir;

  @Test
  void filesWhoseIndexWritesACrashCutOffAreIndexedAtTheNextStart() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Map<String, String> env = Map.of("SINFONIA_DATA_DIR", data.toString());
    String lostFile;
    String home;
    TestNode first = TestNode.start(env);
    try {
      Api api = Api.demo(first);
      home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      for (String study : new String[] {KEPT_STUDY, LOST_STUDY}) {
        Path ct =
            DicomFiles.ct(dir, study, study + ".1", study + ".1.1", "Crash^Test", "C-1", "CT");
        api.upload("alice", home, study + ".dcm", Files.readAllBytes(ct));
      }
      assertEquals(2, qido(first, api, "/dicom-web/studies?PatientID=C-1").size());
      lostFile =
          withMongo(
              first,
              mongo -> {
                JsonObject lost =
                    Await.result(
                        mongo.findOne(
                            DicomCollections.INSTANCES,
                            new JsonObject().put("_id", LOST_STUDY + ".1.1"),
                            null));
                // What a crash between the file's insert and the index's writes leaves: the file,
                // marked as indexed.
                Await.result(
                    mongo.removeDocument(
                        DicomCollections.INSTANCES,
                        new JsonObject().put("_id", LOST_STUDY + ".1.1")));
                Await.result(
                    mongo.removeDocument(
                        DicomCollections.SERIES,
                        new JsonObject()
                            .put("_id", DicomCollections.partId(home, LOST_STUDY + ".1"))));
                Await.result(
                    mongo.removeDocument(
                        DicomCollections.STUDIES,
                        new JsonObject().put("_id", DicomCollections.partId(home, LOST_STUDY))));
                return lost.getString("fileId");
              });
    } finally {
      first.stop();
    }
    try (java.util.stream.Stream<Path> files = Files.list(data)) {
      assertFalse(
          files.anyMatch(p -> p.getFileName().toString().startsWith(".running")),
          "a graceful stop removes its run marker");
    }

    // A clean start: nothing is checked, the lost instance stays lost.
    TestNode clean = TestNode.start(env);
    try {
      Api api = Api.demo(clean);
      assertEquals(1, qido(clean, api, "/dicom-web/studies?PatientID=C-1").size());
    } finally {
      clean.stop();
    }

    Files.writeString(data.resolve(".running"), "12345\n"); // as a killed node leaves it
    TestNode restarted = TestNode.start(env);
    try {
      Api api = Api.demo(restarted);
      JsonArray studies = new JsonArray();
      for (int i = 0; i < 300 && studies.size() < 2; i++) { // in the background, after a 5 s settle
        Thread.sleep(100);
        studies = qido(restarted, api, "/dicom-web/studies?PatientID=C-1");
      }
      assertEquals(2, studies.size(), "the lost instance is back");
      for (Object s : studies) {
        assertEquals(
            1, ((JsonObject) s).getJsonObject("00201208").getJsonArray("Value").getInteger(0));
      }
      JsonObject instance =
          withMongo(
              restarted,
              mongo ->
                  Await.result(
                      mongo.findOne(
                          DicomCollections.INSTANCES,
                          new JsonObject().put("_id", LOST_STUDY + ".1.1"),
                          null)));
      assertNotNull(instance);
      assertEquals(lostFile, instance.getString("fileId"));
      assertEquals(home, instance.getString("folderId"));
      JsonObject file = api.expect(200, api.get("alice", "/files/" + lostFile));
      assertTrue(file.getJsonObject("dicom").getBoolean("indexed"));
      assertNull(
          file.getJsonObject("dicom").getString("duplicateOf"),
          "not taken for a duplicate of itself");
      assertEquals(
          1, qido(restarted, api, "/dicom-web/studies/" + LOST_STUDY + "/instances").size());
    } finally {
      restarted.close();
    }
  }

  private static JsonArray qido(TestNode node, Api api, String path) {
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .get(path)
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Accept", "application/dicom+json")
                .send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonArray();
  }

  private static <T> T withMongo(TestNode node, Function<MongoClient, T> work) {
    MongoClient mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
    try {
      return work.apply(mongo);
    } finally {
      Await.result(mongo.close());
    }
  }
}
