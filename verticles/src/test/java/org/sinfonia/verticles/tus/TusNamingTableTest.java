package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import org.sinfonia.verticles.testing.NamingTable;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * The ingest service's naming table through the tus door, over a real socket: the same table as the
 * streamed upload door ({@code UploadNamingTableTest}) gives the same names. The same bytes again
 * end in the file already there (its id in {@code Sinfonia-File-Id}), other bytes under a taken
 * name get the next numbered name with the double extension kept ({@code brain (2).nii.gz}, never
 * {@code brain.nii (2).gz}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusNamingTableTest {

  private TusFixture f;

  @BeforeAll
  void start() {
    f = new TusFixture(Map.of());
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @Test
  void everyCaseOfTheTable() {
    Map<String, String> idByName = new LinkedHashMap<>();
    for (NamingTable.Row c : NamingTable.ROWS) {
      byte[] data = c.bytes();
      String upload = f.create("alice", data.length, c.name());
      HttpResponse<Buffer> done = f.patch(upload, 0, data).send();
      String row = c + " -> " + done.statusCode() + " " + done.bodyAsString();
      assertEquals(204, done.statusCode(), row);
      String fileId = done.getHeader("Sinfonia-File-Id");
      assertNotNull(fileId, row);
      JsonObject file = f.api.expect(200, f.api.get("alice", "/files/" + fileId));
      assertEquals(c.storedAs(), file.getString("name"), row);
      assertEquals("tus", file.getJsonObject("origin").getString("door"), file.encode());
      String before = idByName.putIfAbsent(c.storedAs(), fileId);
      if (before != null) {
        assertEquals(before, fileId, "the same bytes again end in the file already there: " + row);
      }
    }
    long items =
        Long.parseLong(
            f.api
                .get("alice", "/items?folderId=" + f.sharedFolder + "&limit=1")
                .getHeader("Sinfonia-Total-Count"));
    assertEquals(idByName.size(), items, "nothing stored twice");
    assertEquals(NamingTable.STORED_NAMES, idByName.keySet());
  }
}
