package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The repository API over a real socket: model, bad input, uploads, ranged downloads, sizes, blobs,
 * audit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class RepositoryApiTest {

  private TestNode node;
  private Api api;
  private String collection;
  private String folder;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    collection =
        api.id(
            201,
            api.post(
                "admin",
                "/collections",
                new JsonObject()
                    .put("name", "Lymphoma")
                    .put("description", "PET/CT staging")
                    .put("public", false)));
    api.expect(
        200,
        api.put(
            "admin",
            "/collections/" + collection + "/access",
            Api.acl(false, java.util.Map.of("alice", 1), java.util.Map.of())));
    folder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "collection")
                    .put("parentId", collection)
                    .put("name", "Patient 001")));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getString("error"), r.bodyAsString());
  }

  @Test
  void homeFolderIsPrivateAndCreatedAtFirstLogin() {
    JsonObject me = api.expect(200, api.get("carol", "/users/me"));
    String home = me.getString("homeFolderId");
    JsonObject folder = api.expect(200, api.get("carol", "/folders/" + home));
    assertEquals("carol", folder.getString("name"));
    assertEquals("user", folder.getString("parentType"));
    assertEquals(2, folder.getInteger("accessLevel"));
    api.expect(404, api.get("bob", "/folders/" + home));
    assertError(api.delete("carol", "/folders/" + home), 409, "HOME_FOLDER");
    assertEquals(
        home,
        api.expect(200, api.get("carol", "/users/me")).getString("homeFolderId"),
        "created once");
  }

  @Test
  void uploadThenDownloadWithRangesAndEtags() throws Exception {
    byte[] data = random(3_000_001, 7);
    JsonObject file = api.upload("alice", folder, "ct-series.bin", data);
    assertEquals(sha256(data), file.getString("sha256"));
    assertEquals(data.length, file.getLong("size"));
    String metrics =
        Await.result(
                node.client
                    .get("/metrics")
                    .putHeader("Authorization", "Bearer " + api.token("admin"))
                    .send())
            .bodyAsString();
    assertTrue(
        metrics.contains("sinfonia_ingest_files_total"), "Sinfonia's own counters are exported");
    String id = file.getString("id");

    HttpResponse<Buffer> whole = api.get("alice", "/files/" + id + "/download");
    assertEquals(200, whole.statusCode());
    assertArrayEquals(data, whole.body().getBytes());
    assertEquals("\"" + sha256(data) + "\"", whole.getHeader("ETag"));
    assertTrue(whole.getHeader("Content-Disposition").contains("filename=\"ct-series.bin\""));

    HttpResponse<Buffer> part =
        Await.result(
            node.client
                .get("/api/v1/files/" + id + "/download")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Range", "bytes=1000-1999")
                .send());
    assertEquals(206, part.statusCode());
    assertEquals("bytes 1000-1999/" + data.length, part.getHeader("Content-Range"));
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 2000), part.body().getBytes());

    HttpResponse<Buffer> tail =
        Await.result(
            node.client
                .get("/api/v1/files/" + id + "/download")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Range", "bytes=-10")
                .send());
    assertArrayEquals(
        java.util.Arrays.copyOfRange(data, data.length - 10, data.length), tail.body().getBytes());

    HttpResponse<Buffer> beyond =
        Await.result(
            node.client
                .get("/api/v1/files/" + id + "/download")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Range", "bytes=9999999-")
                .send());
    assertError(beyond, 416, "RANGE_NOT_SATISFIABLE");
    assertEquals("bytes */" + data.length, beyond.getHeader("Content-Range"));

    HttpResponse<Buffer> cached =
        Await.result(
            node.client
                .get("/api/v1/files/" + id + "/download")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("If-None-Match", whole.getHeader("ETag"))
                .send());
    assertEquals(304, cached.statusCode());
  }

  @Test
  void sizesFollowUploadsAndDeletions() {
    String f =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", folder)
                    .put("name", "sizes")));
    long collectionBefore =
        api.expect(200, api.get("admin", "/collections/" + collection)).getLong("size");
    JsonObject a = api.upload("alice", f, "a.bin", random(1000, 1));
    api.upload("alice", f, "b.bin", random(500, 2));
    assertEquals(1500, api.expect(200, api.get("alice", "/folders/" + f)).getLong("size"));
    assertEquals(
        collectionBefore + 1500,
        api.expect(200, api.get("admin", "/collections/" + collection)).getLong("size"));
    api.expect(204, api.delete("alice", "/items/" + a.getString("itemId")));
    assertEquals(500, api.expect(200, api.get("alice", "/folders/" + f)).getLong("size"));
    assertEquals(
        collectionBefore + 500,
        api.expect(200, api.get("admin", "/collections/" + collection)).getLong("size"));
  }

  @Test
  void metadataIsReplacedByPutMergedByPatchAndSearchable() {
    String item =
        api.id(
            201,
            api.post(
                "alice",
                "/items",
                new JsonObject()
                    .put("folderId", folder)
                    .put("name", "PET 1")
                    .put("meta", new JsonObject().put("modality", "PT").put("tracer", "FDG"))));
    JsonObject patched =
        api.expect(
            200,
            api.patch(
                "alice",
                "/items/" + item,
                new JsonObject()
                    .put("meta", new JsonObject().put("tracer", (Object) null).put("suv", 12.5))));
    assertEquals(
        new JsonObject().put("modality", "PT").put("suv", 12.5), patched.getJsonObject("meta"));
    JsonObject put =
        api.expect(
            200,
            api.put(
                "alice",
                "/items/" + item,
                new JsonObject()
                    .put("name", "PET baseline")
                    .put(
                        "meta",
                        new JsonObject().put("modality", "PT").put("timepoint", "baseline"))));
    assertEquals("PET baseline", put.getString("name"));
    assertEquals(
        new JsonObject().put("modality", "PT").put("timepoint", "baseline"),
        put.getJsonObject("meta"));

    List<String> byWord = names(api.get("alice", "/search?q=basel&types=item"));
    assertTrue(byWord.contains("PET baseline"), byWord.toString());
    List<String> byMeta = names(api.get("alice", "/search?meta.timepoint=baseline"));
    assertEquals(List.of("PET baseline"), byMeta);
    assertTrue(
        names(api.get("bob", "/search?meta.timepoint=baseline")).isEmpty(), "bob cannot read it");
  }

  private static List<String> names(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("name")).toList();
  }

  @Test
  void foldersMoveAndCopyWithinTheTree() throws Exception {
    String a =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", folder)
                    .put("name", "A")));
    String b =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject().put("parentType", "folder").put("parentId", a).put("name", "B")));
    byte[] data = random(777, 5);
    api.upload("alice", b, "x.bin", data);
    assertError(
        api.put(
            "alice",
            "/folders/" + a,
            new JsonObject().put("parentType", "folder").put("parentId", b)),
        409,
        "MOVE_INTO_SELF");
    assertError(
        api.put(
            "alice",
            "/folders/" + a,
            new JsonObject().put("parentType", "folder").put("parentId", a)),
        409,
        "MOVE_INTO_SELF");

    JsonObject copy =
        api.expect(
            201,
            api.post(
                "alice",
                "/folders/" + a + "/copy",
                new JsonObject().put("parentType", "folder").put("parentId", folder)));
    assertEquals("A (copy)", copy.getString("name"));
    JsonArray copiedChildren =
        api.expectList(
            api.get("alice", "/folders?parentType=folder&parentId=" + copy.getString("id")));
    assertEquals(1, copiedChildren.size());
    String copiedB = copiedChildren.getJsonObject(0).getString("id");
    JsonObject copiedItem =
        api.expectList(api.get("alice", "/items?folderId=" + copiedB)).getJsonObject(0);
    JsonObject copiedFile =
        api.expectList(api.get("alice", "/items/" + copiedItem.getString("id") + "/files"))
            .getJsonObject(0);
    assertEquals(sha256(data), copiedFile.getString("sha256"));
    assertEquals(
        777, api.expect(200, api.get("alice", "/folders/" + copy.getString("id"))).getLong("size"));

    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + b,
            new JsonObject().put("parentType", "folder").put("parentId", folder)));
    assertEquals(0, api.expect(200, api.get("alice", "/folders/" + a)).getLong("size"));
    assertEquals(folder, api.expect(200, api.get("alice", "/folders/" + b)).getString("parentId"));
    assertError(
        api.put("alice", "/folders/" + b, new JsonObject().put("name", "A")),
        409,
        "DUPLICATE_NAME");

    api.expect(204, api.delete("alice", "/folders/" + copy.getString("id")));
    api.expect(404, api.get("alice", "/folders/" + copiedB));
    api.expect(404, api.get("alice", "/files/" + copiedFile.getString("id")));
  }

  @Test
  void itemsPageInCreationAndNameOrder() {
    String f =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", folder)
                    .put("name", "paging")));
    for (int i = 0; i < 25; i++) {
      api.id(
          201,
          api.post(
              "alice",
              "/items",
              new JsonObject().put("folderId", f).put("name", String.format("z%02d", 24 - i))));
    }
    HttpResponse<Buffer> page = api.get("alice", "/items?folderId=" + f + "&limit=10&offset=20");
    assertEquals("25", page.getHeader("Sinfonia-Total-Count"));
    assertEquals(List.of("z04", "z03", "z02", "z01", "z00"), names(page));
    assertEquals(
        List.of("z00", "z01", "z02"),
        names(api.get("alice", "/items?folderId=" + f + "&limit=3&sort=name")));
    String doomed =
        api.expectList(api.get("alice", "/items?folderId=" + f + "&limit=1&offset=5"))
            .getJsonObject(0)
            .getString("id");
    api.expect(204, api.delete("alice", "/items/" + doomed));
    HttpResponse<Buffer> after = api.get("alice", "/items?folderId=" + f + "&limit=100");
    assertEquals("24", after.getHeader("Sinfonia-Total-Count"));
    assertEquals(24, names(after).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "a\\\\b", "..", ".", "nul\u0000byte", "tab\tname"})
  void badNamesAreRefused(String name) {
    assertError(
        api.post(
            "alice",
            "/folders",
            new JsonObject().put("parentType", "folder").put("parentId", folder).put("name", name)),
        400,
        "INVALID_NAME");
  }

  @Test
  void badInputGetsClearErrors() {
    assertError(
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", folder)
                .put("name", "x".repeat(256))),
        400,
        "INVALID_NAME");
    api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", folder)
                .put("name", "twice")));
    assertError(
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", folder)
                .put("name", "TWICE")),
        409,
        "DUPLICATE_NAME");
    assertError(api.get("alice", "/folders/nope"), 404, "FOLDER_NOT_FOUND");
    assertError(api.get("alice", "/items/nope"), 404, "ITEM_NOT_FOUND");
    assertError(
        api.post(
            "alice",
            "/folders",
            new JsonObject().put("parentType", "item").put("parentId", folder).put("name", "x")),
        400,
        "INVALID_PARENT");
    assertError(
        api.post(
            "alice",
            "/items",
            new JsonObject()
                .put("folderId", folder)
                .put("name", "m")
                .put("meta", new JsonObject().put("a.b", 1))),
        400,
        "INVALID_META");
    assertError(
        api.call("alice", io.vertx.core.http.HttpMethod.POST, "/folders", Buffer.buffer("{oops")),
        400,
        "MALFORMED_JSON");
    assertError(api.get("alice", "/items?folderId=" + folder + "&limit=0"), 400, "INVALID_PAGING");
    assertError(api.get("alice", "/search"), 400, "MISSING_QUERY");
    assertError(
        api.put(
            "alice",
            "/collections/" + collection + "/access",
            new JsonObject().put("public", "yes")),
        403,
        "ACCESS_DENIED");
    assertError(
        api.put(
            "admin",
            "/collections/" + collection + "/access",
            new JsonObject().put("public", "yes")),
        400,
        "INVALID_ACL");
    assertError(
        api.post("bob", "/collections", new JsonObject().put("name", "mine")),
        403,
        "ADMIN_REQUIRED");
  }

  @Test
  void downloadsAccessChangesDeletionsAndLoginsAreAudited() {
    JsonObject file = api.upload("alice", folder, "audited.bin", new byte[] {1, 2, 3});
    api.expect(200, api.get("alice", "/files/" + file.getString("id") + "/download"));
    api.expect(204, api.delete("alice", "/files/" + file.getString("id")));
    // Audit records are written beside the action, never delaying it: poll briefly, as a reader of
    // the trail would.
    JsonArray events = new JsonArray();
    List<String> actions = List.of();
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
    while (!actions.containsAll(List.of("download", "delete"))
        && java.time.Instant.now().isBefore(deadline)) {
      Await.result(node.vertx.timer(20));
      events = api.expectList(api.get("admin", "/audit?resource=" + file.getString("id")));
      actions = events.stream().map(o -> ((JsonObject) o).getString("action")).toList();
    }
    assertTrue(actions.containsAll(List.of("download", "delete")), actions.toString());
    JsonObject download =
        events.stream()
            .map(o -> (JsonObject) o)
            .filter(e -> e.getString("action").equals("download"))
            .findFirst()
            .orElseThrow();
    assertEquals("alice", download.getString("user"));
    assertEquals("127.0.0.1", download.getString("clientAddress"));
    assertEquals("ok", download.getString("outcome"));
    List<String> logins =
        api.expectList(api.get("admin", "/audit?user=alice")).stream()
            .map(o -> ((JsonObject) o).getString("action"))
            .toList();
    assertTrue(logins.contains("login"), logins.toString());
    assertError(api.get("alice", "/audit"), 403, "ADMIN_REQUIRED");
    assertError(api.get("admin", "/audit?since=yesterday"), 400, "INVALID_DATE");
  }

  @Test
  void uploadsOverTheConfiguredLimitAreRefusedAndStoreNothing() throws Exception {
    try (TestNode small = TestNode.start(java.util.Map.of("SINFONIA_MAX_FILE_SIZE", "1KiB"))) {
      Api smallApi = Api.demo(small);
      String home =
          smallApi.expect(200, smallApi.get("alice", "/users/me")).getString("homeFolderId");
      smallApi.upload("alice", home, "fits.bin", random(1024, 3));
      HttpResponse<Buffer> r =
          Await.result(
              small
                  .client
                  .post("/api/v1/folders/" + home + "/files")
                  .addQueryParam("name", "too-big.bin")
                  .putHeader("Authorization", "Bearer " + smallApi.token("alice"))
                  .sendBuffer(Buffer.buffer(random(1025, 4))));
      assertError(r, 413, "FILE_TOO_LARGE");
      assertEquals(List.of("fits.bin"), names(smallApi.get("alice", "/items?folderId=" + home)));
      if (TestNode.blobsAreFiles()) {
        try (var temporaries = Files.list(small.dataDir.resolve("store/tmp"))) {
          assertEquals(0, temporaries.count(), "the refused upload left nothing behind");
        }
      }
    }
  }
}
