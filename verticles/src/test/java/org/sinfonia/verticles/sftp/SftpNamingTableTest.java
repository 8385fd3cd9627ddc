package org.sinfonia.verticles.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NamingTable;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.SftpClients;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The ingest service's naming table through the SFTP drop folder, with the OpenSSH client: each row
 * is a file put under inbox/naming/, and its ingestion job's result must carry the row's outcome
 * and name, as the upload and tus doors give them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class SftpNamingTableTest {

  private TestNode node;
  private Api api;
  private SftpClients clients;
  @TempDir Path tmp;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    api.expect(200, api.get("alice", "/users/me")); // first login: record and home folder
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void everyCaseOfTheTable() throws Exception {
    clients = new SftpClients(node.sftpPort(), tmp);
    Map<String, String> idByName = new LinkedHashMap<>();
    Set<String> seenJobs = new HashSet<>();
    int n = 0;
    for (NamingTable.Row c : NamingTable.ROWS) {
      Path local = Files.write(tmp.resolve("row-" + n++), c.bytes());
      SftpClients.Run put =
          clients.sftpPassword(
              "alice",
              "alice-demo",
              "-mkdir inbox/naming",
              "put " + local + " inbox/naming/" + c.name());
      assertTrue(put.ok(), put.output());
      JsonObject job = newJob("/inbox/naming/" + c.name(), seenJobs);
      String row = c + " -> " + job.encode();
      assertEquals("done", job.getString("state"), row);
      JsonObject result = job.getJsonObject("result");
      assertEquals(c.outcome(), result.getString("outcome"), row);
      assertEquals(c.storedAs(), result.getString("name"), row);
      assertEquals(c.outcome().equals("ALREADY_STORED"), result.getBoolean("alreadyThere"), row);
      String before = idByName.putIfAbsent(c.storedAs(), result.getString("fileId"));
      if (before != null) {
        assertEquals(
            before,
            result.getString("fileId"),
            "the same bytes again end in the file already there: " + row);
      }
    }
    String folder = folderOf(idByName.get("brain.nii.gz"));
    long items =
        Long.parseLong(
            api.get("alice", "/items?folderId=" + folder + "&limit=1")
                .getHeader("Sinfonia-Total-Count"));
    assertEquals(idByName.size(), items, "nothing stored twice");
    assertEquals(NamingTable.STORED_NAMES, idByName.keySet());
    JsonObject first = api.expect(200, api.get("alice", "/files/" + idByName.get("brain.nii.gz")));
    assertEquals("sftp", first.getJsonObject("origin").getString("door"), first.encode());
  }

  /** The folder the file's item lives in. */
  private String folderOf(String fileId) {
    String itemId = api.expect(200, api.get("alice", "/files/" + fileId)).getString("itemId");
    return api.expect(200, api.get("alice", "/items/" + itemId)).getString("folderId");
  }

  /**
   * Waits until alice's jobs have settled and returns the one ingestion job for {@code path} not
   * seen before.
   */
  private JsonObject newJob(String path, Set<String> seen) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      JsonArray jobs = api.expectList(api.get("alice", "/jobs?limit=500"));
      List<JsonObject> fresh =
          jobs.stream()
              .map(JsonObject.class::cast)
              .filter(
                  j ->
                      path.equals(j.getJsonObject("params").getString("path"))
                          && !seen.contains(j.getString("id")))
              .toList();
      boolean busy =
          jobs.stream()
              .map(JsonObject.class::cast)
              .anyMatch(
                  j ->
                      j.getString("state").equals("queued")
                          || j.getString("state").equals("running"));
      if (!busy && fresh.size() == 1) {
        seen.add(fresh.get(0).getString("id"));
        return fresh.get(0);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no single settled job for " + path + ": " + jobs.encode());
      }
      Await.result(node.vertx.timer(100));
    }
  }
}
