package org.sinfonia.verticles.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.verticles.Sinfonia;
import org.sinfonia.verticles.VertxFactory;
import org.sinfonia.verticles.config.ConfigLoader;

/**
 * A whole Sinfonia node for a test: its own Vert.x (blocked-thread checker set low), a temporary
 * data directory, the embedded MongoDB and LDAP servers (or the ones given), HTTP on a free
 * loopback port, and a {@link WebClient} talking to it over a real socket.
 */
public final class TestNode implements AutoCloseable {

  /**
   * Event-loop tasks longer than this are reported (and fail the test via {@link
   * NoBlockedThreads}).
   */
  public static final long BLOCKED_THREAD_MS = Long.getLong("sinfonia.test.blockedThreadMs", 400);

  public final Vertx vertx;
  public final Sinfonia node;
  public final SinfoniaConfig config;
  public final WebClient client;
  public final Path dataDir;

  private TestNode(Vertx vertx, Sinfonia node, SinfoniaConfig config, Path dataDir) {
    this.vertx = vertx;
    this.node = node;
    this.config = config;
    this.dataDir = dataDir;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  /**
   * False on the second run of some tests against the in-memory blob store, where blobs are not
   * files.
   */
  public static boolean blobsAreFiles() {
    return System.getProperty("sinfonia.test.blobStore", "fs").equals("fs");
  }

  public static TestNode start() {
    return start(Map.of());
  }

  /**
   * @param env extra {@code SINFONIA_*} variables, e.g. {@code SINFONIA_LDAP_URL}
   */
  public static TestNode start(Map<String, String> env) {
    return start(env, Clock.systemUTC());
  }

  /**
   * A node whose expiry, idle and TTL rules read {@code clock}: give it a {@link
   * org.sinfonia.core.time.SettableClock} and advance that instead of sleeping. Its timers (purge
   * intervals) still tick in real time.
   */
  public static TestNode start(Map<String, String> env, Clock clock) {
    try {
      Path dataDir =
          env.containsKey("SINFONIA_DATA_DIR")
              ? Path.of(env.get("SINFONIA_DATA_DIR"))
              : Files.createTempDirectory("sinfonia-test-");
      Map<String, String> all = new HashMap<>(env);
      all.put("SINFONIA_DATA_DIR", dataDir.toString());
      all.put("SINFONIA_HTTP_PORT", "0");
      all.putIfAbsent("SINFONIA_SFTP_PORT", "0");
      // One HTTP instance: several instances of one deployment on port 0 were seen binding
      // different ports.
      all.putIfAbsent("SINFONIA_HTTP_INSTANCES", "2");
      all.putIfAbsent("SINFONIA_EVENT_LOOPS", "4");
      // The OHIF viewer (target/viewer, when the build copied it) only where a test asks for it, so
      // the
      // others answer the same with and without -Dviewer.skip=true.
      all.putIfAbsent("SINFONIA_VIEWER_ENABLED", "false");
      String blobStore =
          System.getProperty("sinfonia.test.blobStore"); // a second run on another store
      if (blobStore != null) {
        all.putIfAbsent("SINFONIA_BLOB_STORE", blobStore);
      }
      SinfoniaConfig config = ConfigLoader.load(null, null, all);
      VertxFactory.Runtime runtime = VertxFactory.create(config.workers(), BLOCKED_THREAD_MS);
      Sinfonia node =
          Await.result(Sinfonia.start(runtime.vertx(), config, runtime.registry(), clock), 120);
      TestNode test = new TestNode(runtime.vertx(), node, config, dataDir);
      // Start-up and the first requests load and link a few thousand classes on the event loops;
      // that is not
      // the blocking the checker is here to catch, so it is excused before the tests begin.
      Await.result(test.client.get("/health").send());
      Await.result(
          test.client
              .post("/api/v1/auth/token")
              .sendJsonObject(
                  new JsonObject().put("username", "nobody").put("password", "warm-up")));
      BlockedThreadAppender.drain();
      return test;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return node.httpPort();
  }

  /** The node's SFTP port (a free loopback port picked at start). */
  public int sftpPort() {
    return node.sftpPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Logs in through the API and returns the bearer token. */
  public String login(String user, String password) {
    HttpResponse<Buffer> r =
        Await.result(
            client
                .post("/api/v1/auth/token")
                .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
    if (r.statusCode() != 200) {
      throw new AssertionError(
          "login of " + user + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  /** Stops the node but keeps its data directory, so another node can start on it. */
  public void stop() {
    client.close();
    Await.result(node.stop().eventually(vertx::close), 60);
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp dir cleanup is best effort
    }
  }
}
