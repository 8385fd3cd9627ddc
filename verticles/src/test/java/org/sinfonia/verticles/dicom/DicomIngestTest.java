package org.sinfonia.verticles.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
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
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * DICOM files entering through the streamed upload are parsed on the way in and indexed; the index
 * follows deletions, moves and access changes of their files. The index is read back with a Mongo
 * client of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class DicomIngestTest {

  @TempDir Path dir;

  private TestNode node;
  private Api api;
  private MongoClient mongo;
  private String home;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @AfterAll
  void stop() {
    Await.result(mongo.close());
    node.close();
  }

  private JsonObject upload(String folder, Path file) throws Exception {
    return api.upload("alice", folder, file.getFileName().toString(), Files.readAllBytes(file));
  }

  private JsonObject doc(String collection, String id) {
    return Await.result(mongo.findOne(collection, new JsonObject().put("_id", id), null));
  }

  @Test
  void anUploadedInstanceIsIndexedAtEveryLevel() throws Exception {
    Path ct =
        DicomFiles.ct(
            dir, "1.2.826.1.1", "1.2.826.1.1.1", "1.2.826.1.1.1.1", "Müller^Anna", "P-1", "CT");
    JsonObject file = upload(home, ct);
    String fileId = file.getString("id");
    JsonObject view = api.expect(200, api.get("alice", "/files/" + fileId));
    assertEquals(
        new JsonObject()
            .put("sopInstanceUid", "1.2.826.1.1.1.1")
            .put("studyInstanceUid", "1.2.826.1.1")
            .put("seriesInstanceUid", "1.2.826.1.1.1")
            .put("indexed", true),
        view.getJsonObject("dicom"));

    JsonObject instance = doc(DicomCollections.INSTANCES, "1.2.826.1.1.1.1");
    assertEquals(fileId, instance.getString("fileId"));
    assertEquals(home, instance.getString("folderId"));
    assertEquals("1.2.840.10008.1.2.1", instance.getString("transferSyntaxUid"));
    assertEquals(new JsonArray().add("u:alice"), instance.getJsonArray("readers"));
    JsonObject metadata = new JsonObject(instance.getString("metadata"));
    assertEquals(
        "Müller^Anna",
        metadata
            .getJsonObject("00100010")
            .getJsonArray("Value")
            .getJsonObject(0)
            .getString("Alphabetic"));
    assertTrue(metadata.getJsonObject("7FE00010").getString("BulkDataURI").startsWith("bulkdata/"));
    JsonObject pixel = instance.getJsonObject("pixelData");
    assertEquals(128, pixel.getLong("length"), "8 x 8 x 16 bits, located not copied");
    byte[] stored = Files.readAllBytes(ct);
    assertEquals(
        0x10,
        stored[(int) (long) pixel.getLong("offset") + 2],
        "the offset points at the second pixel");

    JsonObject series = doc(DicomCollections.SERIES, home + "|1.2.826.1.1.1");
    assertEquals(1, series.getLong("instances"));
    assertEquals("CT", series.getString("modality"));
    JsonObject study = doc(DicomCollections.STUDIES, home + "|1.2.826.1.1");
    assertEquals(1, study.getLong("instances"));
    assertEquals(new JsonArray().add("CT"), study.getJsonArray("modalities"));
    assertEquals(
        "P-1",
        study.getJsonObject("attrs").getJsonObject("00100020").getJsonArray("Value").getString(0));
  }

  @Test
  void countsFollowDeletionsAndReingestKeepsTheFirst() throws Exception {
    String folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "counts")));
    Path a = DicomFiles.ct(dir, "1.2.826.2", "1.2.826.2.1", "1.2.826.2.1.1", "A^B", "P-2", "PT");
    Path b = DicomFiles.ct(dir, "1.2.826.2", "1.2.826.2.2", "1.2.826.2.2.1", "A^B", "P-2", "CT");
    JsonObject fileA = upload(folder, a);
    upload(folder, b);
    JsonObject study = doc(DicomCollections.STUDIES, folder + "|1.2.826.2");
    assertEquals(2, study.getLong("instances"));
    assertEquals(
        List.of("CT", "PT"),
        study.getJsonArray("modalities").stream().map(String::valueOf).sorted().toList());

    Path copy = dir.resolve("again.dcm");
    Files.copy(a, copy);
    JsonObject again = upload(folder, copy);
    JsonObject mark =
        api.expect(200, api.get("alice", "/files/" + again.getString("id"))).getJsonObject("dicom");
    assertFalse(mark.getBoolean("indexed"));
    assertEquals(
        fileA.getString("id"),
        mark.getString("duplicateOf"),
        "keep-first: the index stays on the first file");
    assertEquals(2, doc(DicomCollections.STUDIES, folder + "|1.2.826.2").getLong("instances"));

    api.expect(204, api.delete("alice", "/files/" + fileA.getString("id")));
    assertNull(doc(DicomCollections.INSTANCES, "1.2.826.2.1.1"));
    assertNull(doc(DicomCollections.SERIES, folder + "|1.2.826.2.1"));
    JsonObject after = doc(DicomCollections.STUDIES, folder + "|1.2.826.2");
    assertEquals(1, after.getLong("instances"));
    assertEquals(new JsonArray().add("CT"), after.getJsonArray("modalities"));
  }

  @Test
  void theIndexFollowsMovesAndAccessChanges() throws Exception {
    String shared =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "shared")));
    Path ct = DicomFiles.ct(dir, "1.2.826.3", "1.2.826.3.1", "1.2.826.3.1.1", "C^D", "P-3", "MR");
    JsonObject file = upload(home, ct);
    api.expect(
        200,
        api.put(
            "alice",
            "/items/" + file.getString("itemId"),
            new JsonObject().put("parentId", shared)));
    assertNull(doc(DicomCollections.STUDIES, home + "|1.2.826.3"));
    assertEquals(1, doc(DicomCollections.STUDIES, shared + "|1.2.826.3").getLong("instances"));
    assertEquals(shared, doc(DicomCollections.INSTANCES, "1.2.826.3.1.1").getString("folderId"));

    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + shared + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    for (String c :
        List.of(DicomCollections.INSTANCES, DicomCollections.SERIES, DicomCollections.STUDIES)) {
      String id =
          c.equals(DicomCollections.INSTANCES)
              ? "1.2.826.3.1.1"
              : shared + (c.equals(DicomCollections.SERIES) ? "|1.2.826.3.1" : "|1.2.826.3");
      JsonArray readers = doc(c, id).getJsonArray("readers");
      assertTrue(readers.contains("u:bob"), c + " readers " + readers);
    }
  }

  @Test
  void nonDicomFilesAreJustFiles() {
    JsonObject file = api.upload("alice", home, "notes.txt", "not a DICOM file".getBytes());
    JsonObject mark =
        api.expect(200, api.get("alice", "/files/" + file.getString("id"))).getJsonObject("dicom");
    assertNotNull(mark);
    assertFalse(mark.getBoolean("indexed"));
    assertFalse(mark.getString("reason").isBlank());
  }
}
