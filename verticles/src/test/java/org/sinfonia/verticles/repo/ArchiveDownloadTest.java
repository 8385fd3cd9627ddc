package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Folder and item downloads as zips built on the fly, checked with Debian's unzip and byte by byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class ArchiveDownloadTest {

  @TempDir Path dir;

  private TestNode node;
  private Api api;
  private String root;
  private final Map<String, byte[]> expected = new java.util.TreeMap<>();

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    root = folder(home, "Study A");
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + root + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    String ct = folder(root, "CT");
    String hidden = folder(root, "Private notes");
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + hidden + "/access",
            Api.acl(false, Map.of("alice", 2), Map.of())));
    upload(
        root,
        "README.txt",
        "Study A: lymphoma staging\n".getBytes(StandardCharsets.UTF_8),
        "Study A/README.txt");
    for (int i = 0; i < 5; i++) {
      upload(ct, "slice" + i + ".bin", random(50_000 + i, i), "Study A/CT/slice" + i + ".bin");
    }
    upload(
        hidden,
        "secret.txt",
        "not for bob".getBytes(StandardCharsets.UTF_8),
        "Study A/Private notes/secret.txt");
    // An item with two files becomes a directory named after the item.
    String item =
        api.id(
            201,
            api.post("alice", "/items", new JsonObject().put("folderId", ct).put("name", "pair")));
    JsonObject first = api.upload("alice", ct, "left.bin", random(1000, 10));
    JsonObject second = api.upload("alice", ct, "right.bin", random(1000, 11));
    api.expect(
        200,
        api.put(
            "alice", "/items/" + first.getString("itemId"), new JsonObject().put("parentId", ct)));
    moveFileIntoItem(first, item, "Study A/CT/pair/left.bin", random(1000, 10));
    moveFileIntoItem(second, item, "Study A/CT/pair/right.bin", random(1000, 11));
  }

  /** Files cannot be moved between items through the API; copy the bytes into the item instead. */
  private void moveFileIntoItem(JsonObject file, String item, String path, byte[] data) {
    api.expect(204, api.delete("alice", "/items/" + file.getString("itemId")));
    expected.put(path, data);
    api.expect(
        201,
        api.call(
            "alice",
            io.vertx.core.http.HttpMethod.POST,
            "/items/" + item + "/files?name=" + path.substring(path.lastIndexOf('/') + 1),
            Buffer.buffer(data)));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private String folder(String parent, String name) {
    return api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", parent)
                .put("name", name)));
  }

  private void upload(String folder, String name, byte[] data, String zipPath) {
    api.upload("alice", folder, name, data);
    expected.put(zipPath, data);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private Path unzip(String user, String path, String name) throws Exception {
    HttpResponse<Buffer> r = api.get(user, path);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("application/zip", r.getHeader("Content-Type"));
    Path zip = dir.resolve(name + ".zip");
    Files.write(zip, r.body().getBytes());
    Process test =
        new ProcessBuilder("unzip", "-t", zip.toString()).redirectErrorStream(true).start();
    String report = new String(test.getInputStream().readAllBytes());
    assertTrue(test.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, test.exitValue(), report);
    Path out = Files.createDirectories(dir.resolve(name));
    Process x =
        new ProcessBuilder("unzip", "-q", zip.toString(), "-d", out.toString())
            .redirectErrorStream(true)
            .start();
    x.getInputStream().readAllBytes();
    assertTrue(x.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void theOwnerGetsTheWholeTreeByteForByte() throws Exception {
    Path out = unzip("alice", "/folders/" + root + "/download", "alice");
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
    }
    try (var files = Files.walk(out)) {
      assertEquals(expected.size(), files.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void aReaderGetsOnlyWhatTheyCanRead() throws Exception {
    Path out = unzip("bob", "/folders/" + root + "/download", "bob");
    assertTrue(Files.exists(out.resolve("Study A/CT/slice3.bin")));
    assertFalse(
        Files.exists(out.resolve("Study A/Private notes")),
        "no trace of the folder bob cannot read");
    api.expect(404, api.get("carol", "/folders/" + root + "/download"));
  }

  @Test
  void anItemDownloadsAsItsFiles() throws Exception {
    String item =
        api.expectList(api.get("alice", "/search?q=pair&types=item"))
            .getJsonObject(0)
            .getString("id");
    Path out = unzip("alice", "/items/" + item + "/download", "item");
    assertArrayEquals(
        expected.get("Study A/CT/pair/left.bin"), Files.readAllBytes(out.resolve("pair/left.bin")));
  }
}
