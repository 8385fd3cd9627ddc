package org.sinfonia.verticles.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sinfonia.verticles.extract.ExtractSupport.awaitJob;
import static org.sinfonia.verticles.extract.ExtractSupport.extract;
import static org.sinfonia.verticles.extract.ExtractSupport.folder;
import static org.sinfonia.verticles.extract.ExtractSupport.sha256;
import static org.sinfonia.verticles.extract.ExtractSupport.walk;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The ingest service's naming table through zip extraction (the default {@code rename} policy),
 * over a real socket: row by row as one archive per row extracted into the same folder, and all
 * rows as the entries of one archive (an earlier entry of the same archive takes a name as any
 * earlier arrival does). The job's counts and the folder's names are those the upload, tus and SFTP
 * doors give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class ZipNamingTableTest {

  private static final Duration JOB_TIME = Duration.ofMinutes(2);

  /** The job result's count for each outcome. */
  private static final Map<String, String> COUNT =
      Map.of("STORED", "stored", "RENAMED", "renamed", "ALREADY_STORED", "unchanged");

  private TestNode node;
  private Api api;
  private String home;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void oneArchivePerRow() {
    String zips = folder(api, "alice", home, "row archives");
    String target = folder(api, "alice", home, "rows extracted");
    int n = 0;
    for (NamingTable.Row c : NamingTable.ROWS) {
      String zip =
          upload(
              zips,
              "row-" + n++ + ".zip",
              RawZip.of(List.of(RawZip.Entry.deflated(c.name(), c.bytes()))));
      JsonObject job =
          awaitJob(node, api, "alice", extract(api, "alice", zip, target, null), JOB_TIME);
      String row = c + " -> " + job.encode();
      assertEquals("done", job.getString("state"), row);
      JsonObject result = job.getJsonObject("result");
      assertEquals(1, result.getLong(COUNT.get(c.outcome())), row);
      assertEquals(
          1,
          result.getLong("stored") + result.getLong("renamed") + result.getLong("unchanged"),
          row);
    }
    assertStoredAsTheTableSays(target);
  }

  @Test
  void allRowsInOneArchive() {
    List<RawZip.Entry> entries =
        NamingTable.ROWS.stream().map(c -> RawZip.Entry.deflated(c.name(), c.bytes())).toList();
    String zip = upload(home, "all-rows.zip", RawZip.of(entries));
    String target = folder(api, "alice", home, "one archive extracted");
    JsonObject job =
        awaitJob(node, api, "alice", extract(api, "alice", zip, target, null), JOB_TIME);
    assertEquals("done", job.getString("state"), job.encode());
    Map<String, Long> expected = new HashMap<>();
    NamingTable.ROWS.forEach(c -> expected.merge(COUNT.get(c.outcome()), 1L, Long::sum));
    JsonObject result = job.getJsonObject("result");
    expected.forEach(
        (count, value) ->
            assertEquals(value, result.getLong(count), count + ": " + result.encode()));
    assertStoredAsTheTableSays(target);
  }

  /**
   * Every stored name once, holding the bytes of the row that first stored it; the files say they
   * came by zip.
   */
  private void assertStoredAsTheTableSays(String target) {
    TreeMap<String, String> tree = walk(api, "alice", target);
    Map<String, String> expected = new TreeMap<>();
    NamingTable.ROWS.forEach(c -> expected.putIfAbsent(c.storedAs(), sha256(c.bytes())));
    assertEquals(expected, tree);
    JsonObject item =
        api.expectList(api.get("alice", "/items?folderId=" + target + "&name=notes%20(2)")).stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("name").equals("notes (2)"))
            .findFirst()
            .orElseThrow();
    JsonObject file =
        api.expectList(api.get("alice", "/items/" + item.getString("id") + "/files"))
            .getJsonObject(0);
    assertEquals("zip", file.getJsonObject("origin").getString("door"), file.encode());
  }

  private String upload(String folderId, String name, byte[] zip) {
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .post("/api/v1/folders/" + folderId + "/files")
                .addQueryParam("name", name)
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Content-Type", "application/zip")
                .sendBuffer(Buffer.buffer(zip)));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }
}
