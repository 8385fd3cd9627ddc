package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * The ingest service's naming table through the tus door, over a real socket: the same table as the streamed upload
 * door ({@code UploadNamingTableTest}) gives the same names. The same bytes again end in the file already there
 * (its id in {@code Sinfonia-File-Id}), other bytes under a taken name get the next numbered name with the double
 * extension kept ({@code brain (2).nii.gz}, never {@code brain.nii (2).gz}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusNamingTableTest {

  /** One upload and the name it must be stored under. */
  record Case(String name, String content, String storedAs) {
  }

  private static final List<Case> TABLE = List.of(
      new Case("brain.nii.gz", "A", "brain.nii.gz"),
      new Case("brain.nii.gz", "A", "brain.nii.gz"),
      new Case("brain.nii.gz", "B", "brain (2).nii.gz"),
      new Case("brain.nii.gz", "B", "brain (2).nii.gz"),
      new Case("BRAIN.nii.gz", "C", "BRAIN (3).nii.gz"),
      new Case("notes", "D", "notes"),
      new Case("notes", "E", "notes (2)"),
      new Case("scan.dcm", "F", "scan.dcm"),
      new Case("scan.dcm", "F", "scan.dcm"));

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
    for (Case c : TABLE) {
      byte[] data = ("content " + c.content()).repeat(50).getBytes(StandardCharsets.US_ASCII);
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
    long items = Long.parseLong(f.api.get("alice", "/items?folderId=" + f.sharedFolder + "&limit=1")
        .getHeader("Sinfonia-Total-Count"));
    assertEquals(idByName.size(), items, "nothing stored twice");
    assertEquals(Set.copyOf(idByName.keySet()), Set.of("brain.nii.gz", "brain (2).nii.gz", "BRAIN (3).nii.gz",
        "notes", "notes (2)", "scan.dcm"));
  }
}
