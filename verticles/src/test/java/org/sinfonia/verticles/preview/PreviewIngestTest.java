package org.sinfonia.verticles.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.PreviewCorpus;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Ingest-time previews: concurrent uploads of one series make one durable {@code preview} job, an
 * image makes one, other files none; the job's thumbnails are what the API then serves, from memory
 * and, after a restart, from the preview store.
 */
@ExtendWith(NoBlockedThreads.class)
class PreviewIngestTest {

  @TempDir Path dir;

  private static List<JsonObject> previewJobs(Api api) {
    return api.expectList(api.get("admin", "/jobs?limit=500")).stream()
        .map(JsonObject.class::cast)
        .filter(j -> j.getString("kind").equals("preview"))
        .toList();
  }

  private static List<JsonObject> awaitJobs(TestNode node, Api api, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      List<JsonObject> jobs = previewJobs(api);
      if (jobs.size() >= count
          && jobs.stream().allMatch(j -> j.getString("state").equals("done"))) {
        return jobs;
      }
      Await.result(node.vertx.timer(100));
    }
    throw new AssertionError("preview jobs did not finish: " + previewJobs(api));
  }

  @Test
  void oneJobPerSeriesAndPerImageThenServedFromTheCache() throws Exception {
    PreviewCorpus corpus = new PreviewCorpus(dir);
    TestNode first = TestNode.start();
    String home;
    String representative;
    try {
      Api api = Api.demo(first);
      home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
      List<Future<HttpResponse<Buffer>>> uploads = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        byte[] bytes =
            Files.readAllBytes(
                corpus.slice("a" + i, 48, "2.25.8001", "2.25.8001.1", "2.25.8001.1." + i, i, i));
        // no extension and a misleading declared type: the job still knows the instance is DICOM
        // (the index may
        // not even have marked the file when the job runs)
        uploads.add(
            first
                .client
                .post("/api/v1/folders/" + home + "/files")
                .addQueryParam("name", "IM" + i)
                .putHeader("Content-Type", "text/plain")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .sendBuffer(Buffer.buffer(bytes)));
      }
      Await.result(Future.all(uploads));
      uploads.forEach(u -> assertEquals(201, u.result().statusCode(), u.result().bodyAsString()));
      for (int i = 1; i <= 2; i++) {
        api.upload(
            "alice",
            home,
            "b" + i + ".dcm",
            Files.readAllBytes(
                corpus.slice("b" + i, 48, "2.25.8001", "2.25.8001.2", "2.25.8001.2." + i, i, i)));
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png);
      String image = api.upload("alice", home, "photo.png", png.toByteArray()).getString("id");
      api.upload("alice", home, "notes.txt", "no preview job for me".getBytes());
      api.upload(
          "alice",
          home,
          "plan.dcm",
          Files.readAllBytes(corpus.rtPlan("plan", "2.25.8001", "2.25.8001.3", "2.25.8001.3.1")));

      List<JsonObject> jobs = awaitJobs(first, api, 3);
      assertEquals(3, jobs.size(), "series a, series b, the image: " + jobs);
      Set<String> series =
          jobs.stream()
              .map(j -> j.getJsonObject("params").getString("series", "image"))
              .collect(Collectors.toSet());
      assertEquals(Set.of(home + "|2.25.8001.1", home + "|2.25.8001.2", "image"), series);
      assertTrue(jobs.stream().allMatch(j -> j.getString("owner").equals("alice")));
      JsonObject seriesA =
          jobs.stream()
              .filter(
                  j ->
                      (home + "|2.25.8001.1").equals(j.getJsonObject("params").getString("series")))
              .findFirst()
              .orElseThrow();
      JsonObject made = seriesA.getJsonObject("result").getJsonArray("previews").getJsonObject(0);
      assertEquals(48, made.getInteger("width"));
      assertEquals(null, made.getString("placeholder"), made.encode());
      assertEquals("rendered", made.getString("source"));
      representative = seriesA.getJsonObject("params").getString("fileId");

      HttpResponse<Buffer> hot = api.get("alice", "/files/" + representative + "/preview?size=128");
      assertEquals(
          "memory", hot.getHeader("Sinfonia-Preview-Cache"), "rendered by the job on this node");
      assertEquals(null, hot.getHeader("Sinfonia-Preview-Failure"));
      JsonObject imageJob =
          jobs.stream()
              .filter(j -> image.equals(j.getJsonObject("params").getString("fileId")))
              .findFirst()
              .orElseThrow();
      assertEquals(
          new JsonArray().add("128"), imageJob.getJsonObject("params").getJsonArray("sizes"));
    } finally {
      first.stop();
    }
    try (TestNode second = TestNode.start(Map.of("SINFONIA_DATA_DIR", first.dataDir.toString()))) {
      Api api = Api.demo(second);
      HttpResponse<Buffer> stored =
          api.get("alice", "/files/" + representative + "/preview?size=128");
      assertEquals(200, stored.statusCode());
      assertEquals("store", stored.getHeader("Sinfonia-Preview-Cache"), "kept across a restart");
      assertEquals(
          "memory",
          api.get("alice", "/files/" + representative + "/preview?size=128")
              .getHeader("Sinfonia-Preview-Cache"));
      assertEquals(3, previewJobs(api).size(), "nothing was submitted again");
    }
  }
}
