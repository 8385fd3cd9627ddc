package org.sinfonia.verticles.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Durable jobs: a large recursive access change runs as one; jobs are private; unfinished jobs
 * survive a restart.
 */
@ExtendWith(NoBlockedThreads.class)
class JobsTest {

  /** Polls a job the way a client does, with a bounded deadline. */
  static JsonObject awaitJob(TestNode node, Api api, String user, String jobId) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonObject job = api.expect(200, api.get(user, "/jobs/" + jobId));
      if (!job.getString("state").equals("queued") && !job.getString("state").equals("running")) {
        return job;
      }
      Await.result(node.vertx.timer(50));
    }
    throw new AssertionError("job " + jobId + " did not finish within 60 s");
  }

  private static String folder(Api api, String user, String parent, String name) {
    return api.id(
        201,
        api.post(
            user,
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", parent)
                .put("name", name)));
  }

  @Test
  void aLargeRecursiveAccessChangeIsAJob() {
    try (TestNode node = TestNode.start(Map.of("SINFONIA_ACCESS_JOB_THRESHOLD", "3"))) {
      Api api = Api.demo(node);
      String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      String root = folder(api, "alice", home, "cohort");
      for (int i = 0; i < 5; i++) {
        folder(api, "alice", folder(api, "alice", root, "patient " + i), "ct");
      }
      String leaf =
          api.expectList(api.get("alice", "/folders?parentType=folder&parentId=" + root))
              .getJsonObject(0)
              .getString("id");
      api.expect(404, api.get("bob", "/folders/" + leaf));

      JsonObject accepted =
          api.expect(
              202,
              api.call(
                  "alice",
                  io.vertx.core.http.HttpMethod.PUT,
                  "/folders/" + root + "/access?recurse=true",
                  Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
      String jobId = accepted.getString("jobId");
      assertEquals(10, accepted.getInteger("folders"));
      api.expect(404, api.get("bob", "/jobs/" + jobId));
      JsonObject done = awaitJob(node, api, "alice", jobId);
      assertEquals("done", done.getString("state"), done.encode());
      assertEquals("alice", done.getString("owner"));
      api.expect(200, api.get("bob", "/folders/" + leaf));
      api.expect(409, api.delete("alice", "/jobs/" + jobId));
      assertTrue(
          api.expectList(api.get("admin", "/jobs")).stream()
              .anyMatch(j -> ((JsonObject) j).getString("id").equals(jobId)),
          "site admins list every job");
      assertTrue(api.expectList(api.get("bob", "/jobs")).isEmpty(), "bob has no jobs of his own");
    }
  }

  @Test
  void aJobLeftRunningByACrashedNodeRunsAgainAfterRestart() throws Exception {
    TestNode first = TestNode.start();
    Api api = Api.demo(first);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String target = folder(api, "alice", home, "orphaned");
    // What a node that died mid-job leaves behind: a running job whose lease has run out.
    MongoClient mongo =
        MongoClient.create(
            first.vertx,
            new JsonObject()
                .put("connection_string", first.node.mongoUri())
                .put("db_name", first.config.mongo().database()));
    JsonObject params =
        new JsonObject()
            .put("type", "folder")
            .put("id", target)
            .put("acl", Api.acl(false, Map.of("alice", 2, "carol", 0), Map.of()));
    Await.result(
        mongo.insert(
            "jobs",
            new JsonObject()
                .put("_id", "crashed-job")
                .put("kind", "access.recurse")
                .put("owner", "alice")
                .put("params", params)
                .put("state", "running")
                .put("attempts", 1)
                .put(
                    "leaseUntil",
                    new JsonObject().put("$date", Instant.now().minusSeconds(60).toString()))
                .put("created", new JsonObject().put("$date", Instant.now().toString()))));
    Await.result(mongo.close());
    first.stop();

    try (TestNode second = TestNode.start(Map.of("SINFONIA_DATA_DIR", first.dataDir.toString()))) {
      Api again = Api.demo(second);
      JsonObject job = awaitJob(second, again, "alice", "crashed-job");
      assertEquals("done", job.getString("state"), job.encode());
      assertEquals(2, job.getInteger("attempts"));
      again.expect(200, again.get("carol", "/folders/" + target));
    }
  }
}
