package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.sinfonia.core.time.SettableClock;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.TestNode;

/**
 * A test node with a shared collection (alice may write, bob may only read) and helpers to create,
 * patch and inspect uploads, for the tus tests.
 */
final class TusFixture implements AutoCloseable {

  static final String UPLOADS = "/api/v1/uploads";

  final TestNode node;
  final Api api;
  final String sharedFolder;

  /**
   * The node's clock; only a fixture made with {@link #TusFixture(Map, SettableClock)} can move it.
   */
  final Clock clock;

  TusFixture(Map<String, String> env) {
    this(env, Clock.systemUTC());
  }

  /** A node on the test's clock: expiry is reached by advancing it, never by sleeping. */
  TusFixture(Map<String, String> env, SettableClock clock) {
    this(env, (Clock) clock);
  }

  private TusFixture(Map<String, String> env, Clock clock) {
    this.clock = clock;
    node = TestNode.start(env, clock);
    api = Api.demo(node);
    String collection =
        api.id(
            201,
            api.post(
                "admin",
                "/collections",
                new JsonObject().put("name", "Trial").put("description", "").put("public", false)));
    api.expect(
        200,
        api.put(
            "admin",
            "/collections/" + collection + "/access",
            new JsonObject()
                .put("public", false)
                .put("groups", new JsonArray())
                .put(
                    "users",
                    new JsonArray()
                        .add(new JsonObject().put("login", "alice").put("level", 1))
                        .add(new JsonObject().put("login", "bob").put("level", 0)))));
    sharedFolder =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "collection")
                    .put("parentId", collection)
                    .put("name", "Uploads")));
  }

  TusRequest request(HttpMethod method, String path) {
    return new TusRequest(node, api, method, path);
  }

  TusRequest head(String upload) {
    return request(HttpMethod.HEAD, upload);
  }

  TusRequest patch(String upload, long offset, byte[] bytes) {
    return request(HttpMethod.PATCH, upload).header("Upload-Offset", offset).bytes(bytes);
  }

  TusRequest creation(long length, String filename) {
    return request(HttpMethod.POST, UPLOADS)
        .header("Upload-Length", length)
        .metadata("filename", filename, "folderId", sharedFolder);
  }

  /** Creates an upload of {@code length} bytes as {@code user} and returns its path. */
  String create(String user, long length, String filename) {
    return location(creation(length, filename).as(user).send());
  }

  String partial(String user, byte[] bytes) {
    HttpResponse<Buffer> r =
        request(HttpMethod.POST, UPLOADS)
            .as(user)
            .header("Upload-Length", bytes.length)
            .header("Upload-Concat", "partial")
            .bytes(bytes)
            .send();
    return location(r);
  }

  static String location(HttpResponse<Buffer> created) {
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return URI.create(created.getHeader("Location")).getPath();
  }

  /** The bytes of a repository file, downloaded through the API. */
  byte[] download(String fileId) {
    HttpResponse<Buffer> r = api.get("alice", "/files/" + fileId + "/download");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.body().getBytes();
  }

  Path partialFile(String upload) {
    return node.dataDir
        .resolve("store/uploads")
        .resolve(upload.substring(upload.lastIndexOf('/') + 1) + ".upload");
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  static String sha256(Path file) {
    MessageDigest d = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        d.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves the node's time on; the fixture must have been made with a {@link SettableClock}. */
  void advance(Duration by) {
    ((SettableClock) clock).advance(by);
  }

  @Override
  public void close() {
    node.close();
  }
}
