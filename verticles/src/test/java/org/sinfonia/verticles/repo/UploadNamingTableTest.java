package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NamingTable;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The naming table of the ingest service through the streamed upload door, over a real socket: the
 * same bytes again are acknowledged (200, nothing new stored), other bytes under a taken name get
 * the next numbered name with the double extension kept, and the file records which door it came
 * through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class UploadNamingTableTest {

  private TestNode node;
  private Api api;
  private String folder;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put(
                        "parentId",
                        api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId"))
                    .put("name", "naming-table")));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void everyCaseOfTheTable() {
    Map<String, String> idByName = new LinkedHashMap<>();
    for (NamingTable.Row c : NamingTable.ROWS) {
      HttpResponse<Buffer> r =
          Await.result(
              node.client
                  .post("/api/v1/folders/" + folder + "/files")
                  .addQueryParam("name", c.name())
                  .putHeader("Authorization", "Bearer " + api.token("alice"))
                  .sendBuffer(Buffer.buffer(c.bytes())));
      String row = c + " -> " + r.bodyAsString();
      assertEquals(c.outcome().equals("ALREADY_STORED") ? 200 : 201, r.statusCode(), row);
      JsonObject file = r.bodyAsJsonObject();
      assertEquals(c.outcome(), file.getString("outcome"), row);
      assertEquals(c.storedAs(), file.getString("name"), row);
      String before = idByName.putIfAbsent(c.storedAs(), file.getString("id"));
      if (before != null) {
        assertEquals(
            before,
            file.getString("id"),
            "the same bytes again answer with the file already there: " + row);
      }
    }
    long items =
        Long.parseLong(
            api.get("alice", "/items?folderId=" + folder + "&limit=1")
                .getHeader("Sinfonia-Total-Count"));
    assertEquals(idByName.size(), items, "nothing stored twice");
    assertEquals(NamingTable.STORED_NAMES, idByName.keySet());
    JsonObject first = api.expect(200, api.get("alice", "/files/" + idByName.get("brain.nii.gz")));
    assertEquals("upload", first.getJsonObject("origin").getString("door"), first.encode());
    assertEquals("alice", first.getJsonObject("origin").getString("login"), first.encode());
    assertEquals("application/gzip", first.getString("mimeType"), first.encode());
  }

  @Test
  void contentBeatsTheDeclaredTypeAndTheName() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("naming-dicom");
    byte[] ct =
        java.nio.file.Files.readAllBytes(
            org.sinfonia.verticles.testing.DicomFiles.ct(
                dir,
                "1.2.826.0.1.3680043.10.92",
                "1.2.826.0.1.3680043.10.92.1",
                "1.2.826.0.1.3680043.10.92.1.1",
                "Type^Test",
                "TYPE-1",
                "CT"));
    String types =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put(
                        "parentId",
                        api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId"))
                    .put("name", "media types")));
    for (String declared : new String[] {"application/octet-stream", "text/plain"}) {
      HttpResponse<Buffer> r =
          Await.result(
              node.client
                  .post("/api/v1/folders/" + types + "/files")
                  .addQueryParam("name", "export-" + declared.replace('/', '-') + ".bin")
                  .putHeader("Authorization", "Bearer " + api.token("alice"))
                  .putHeader("Content-Type", declared)
                  .sendBuffer(Buffer.buffer(ct)));
      assertEquals(201, r.statusCode(), r.bodyAsString());
      JsonObject file =
          api.expect(200, api.get("alice", "/files/" + r.bodyAsJsonObject().getString("id")));
      assertEquals(
          "application/dicom",
          file.getString("mimeType"),
          "declared " + declared + ": " + file.encode());
      assertEquals("application/dicom", file.getString("effectiveType"), file.encode());
    }
  }

  @Test
  void theFileViewGivesTheEffectiveTypeOfAnUninformativeDeclaration() throws Exception {
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .post("/api/v1/folders/" + home + "/files")
                .addQueryParam("name", "untyped-picture.png")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Content-Type", "application/octet-stream")
                .sendBuffer(
                    Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0})));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject file =
        api.expect(200, api.get("alice", "/files/" + r.bodyAsJsonObject().getString("id")));
    assertEquals("image/png", file.getString("effectiveType"), file.encode());
    assertEquals(
        org.sinfonia.web.repo.MediaTypes.effective(
            file.getString("mimeType"), "untyped-picture.png"),
        file.getString("effectiveType"),
        "the effective type is what a download is served as: " + file.encode());
  }
}
