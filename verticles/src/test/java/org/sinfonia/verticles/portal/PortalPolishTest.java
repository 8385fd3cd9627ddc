package org.sinfonia.verticles.portal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The portal's browse/upload/preview polish (issue 16) in the system Chromium through
 * web/ui/e2e/polish.e2e.mjs: moving by drag onto a folder row and a breadcrumb, the move and copy
 * dialogs, a yes/no metadata value false, a damaged picture, an audio file seeking by Range,
 * cancelling a long extraction in the jobs panel, a drop of files onto the folder view, and a
 * folder of 10,000 items (its figures are printed).
 */
class PortalPolishTest {

  static final int BIG = 10_000;
  private TestNode node;
  private PortalWalk walk;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start();
    walk = new PortalWalk(node);
  }

  @AfterEach
  void stop() {
    walk.close();
    node.close();
  }

  @ParameterizedTest
  @EnumSource(WalkBrowser.class)
  void dragMoveMediaJobsAndABigFolder(WalkBrowser browser) throws Exception {
    Api api = Api.demo(node);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    for (String name : new String[] {"Target A", "Target B", "Mover"}) {
      api.expect(
          201,
          api.post(
              "alice",
              "/folders",
              new JsonObject()
                  .put("parentType", "folder")
                  .put("parentId", home)
                  .put("name", name)));
    }
    for (String name : new String[] {"drag-me.txt", "dialog-move.txt", "dialog-copy.txt"}) {
      api.upload(
          "alice", home, name, ("content of " + name + "\n").getBytes(StandardCharsets.UTF_8));
    }
    api.upload(
        "alice", home, "broken.png", "this is not a PNG picture".getBytes(StandardCharsets.UTF_8));
    api.upload("alice", home, "tone.wav", wav(8000, 1800));
    api.upload("alice", home, "many.zip", zipOf(20_000));

    // The big folder: 10,000 items created over the API, 64 requests in flight at a time.
    String big =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home)
                    .put("name", "Big")));
    String token = api.token("alice");
    long t0 = System.nanoTime();
    for (int from = 0; from < BIG; from += 64) {
      List<Future<?>> batch = new ArrayList<>();
      for (int n = from; n < Math.min(BIG, from + 64); n++) {
        batch.add(
            node.client
                .post("/api/v1/items")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(
                    new JsonObject()
                        .put("folderId", big)
                        .put("name", String.format("item-%05d", n)))
                .map(
                    r -> {
                      if (r.statusCode() != 201) {
                        throw new AssertionError(
                            "item not created: " + r.statusCode() + " " + r.bodyAsString());
                      }
                      return r;
                    }));
      }
      Await.result(Future.all(batch));
    }
    System.out.printf(
        "[polish] %d items created over the API in %.1f s%n", BIG, (System.nanoTime() - t0) / 1e9);
    walk.run(browser, "polish.e2e.mjs", PortalWalk.dataDir(), Duration.ofMinutes(6));
  }

  /** A mono 8-bit PCM WAV of a 440 Hz tone, {@code seconds} long. */
  static byte[] wav(int rate, int seconds) {
    int samples = rate * seconds;
    ByteBuffer b = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt(36 + samples)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII))
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 1)
        .putInt(rate)
        .putInt(rate)
        .putShort((short) 1)
        .putShort((short) 8);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
    for (int i = 0; i < samples; i++) {
      b.put((byte) (128 + 40 * Math.sin(2 * Math.PI * 440 * i / rate)));
    }
    return b.array();
  }

  /**
   * A zip of {@code entries} small text files in folders of 500, so that extracting it takes a
   * while.
   */
  static byte[] zipOf(int entries) throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      for (int n = 0; n < entries; n++) {
        out.putNextEntry(new ZipEntry(String.format("d%02d/e%05d.txt", n / 500, n)));
        out.write(("entry " + n + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip.toByteArray();
  }
}
