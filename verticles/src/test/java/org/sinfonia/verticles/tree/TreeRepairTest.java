package org.sinfonia.verticles.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * New files are registered as items first, files after; a node that died in between left an item
 * that counts a file it does not have, and the retried upload found its name taken. Played here by
 * removing a file's document by hand and leaving the run marker of an unclean stop: the next node
 * removes that item (the name is free again) and keeps the others, an empty item included. A node
 * stopped before its repairs were done leaves the marker in place.
 */
@ExtendWith(NoBlockedThreads.class)
class TreeRepairTest {

  @TempDir Path dir;

  @Test
  void itemsACrashLeftWithoutTheirFileAreRemovedAtTheNextStart() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Map<String, String> env = Map.of("SINFONIA_DATA_DIR", data.toString());
    String home;
    TestNode first = TestNode.start(env);
    try {
      Api api = Api.demo(first);
      home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      api.upload("alice", home, "kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
      String lost =
          api.upload("alice", home, "lost.txt", "lost".getBytes(StandardCharsets.UTF_8))
              .getString("id");
      api.expect(
          201,
          api.post("alice", "/items", new JsonObject().put("folderId", home).put("name", "empty")));
      MongoClient mongo =
          MongoClient.create(
              first.vertx,
              new JsonObject()
                  .put("connection_string", first.node.mongoUri())
                  .put("db_name", first.config.mongo().database()));
      // What a crash between the item's insert and the file's leaves: the item, counting a file
      // that is not there.
      Await.result(mongo.removeDocument(Collections.FILES, new JsonObject().put("_id", lost)));
      Await.result(mongo.close());
      assertEquals(List.of("kept.txt", "lost.txt", "empty"), names(api, home));
    } finally {
      first.stop();
    }

    Files.writeString(
        data.resolve(".running"), "12345\n"); // as a killed node leaves it, last alive just now
    TestNode stoppedAtOnce = TestNode.start(env);
    stoppedAtOnce
        .stop(); // before the repairs' 5 s settle: they did not happen, so the marker stays for the
    // next
    assertTrue(
        Files.exists(data.resolve(".running")), "repairs not done: the next start repeats them");
    try (TestNode restarted = TestNode.start(env)) {
      Api api = Api.demo(restarted);
      List<String> names = names(api, home);
      for (int i = 0;
          i < 300 && names.contains("lost.txt");
          i++) { // in the background, after a 5 s settle
        Thread.sleep(100);
        names = names(api, home);
      }
      assertEquals(List.of("kept.txt", "empty"), names);
      assertEquals(
          "2",
          api.get("alice", "/items?folderId=" + home + "&limit=1")
              .getHeader("Sinfonia-Total-Count"));
      api.upload(
          "alice", home, "lost.txt", "again".getBytes(StandardCharsets.UTF_8)); // the name is free
      assertEquals(List.of("kept.txt", "empty", "lost.txt"), names(api, home));
    }
  }

  private static List<String> names(Api api, String folder) {
    return api.expectList(api.get("alice", "/items?folderId=" + folder + "&limit=100")).stream()
        .map(o -> ((JsonObject) o).getString("name"))
        .toList();
  }
}
