package org.sinfonia.verticles.ops;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.blob.FsBlobStore;
import org.sinfonia.core.config.ConfigException;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.fsck.FsckReport;
import org.sinfonia.verticles.config.ConfigLoader;
import org.sinfonia.verticles.embedded.EmbeddedMongo;

/**
 * {@code java -jar sinfonia.jar fsck [--repair] [--deep] [--conf FILE] [--profile NAME]}: checks
 * the repository's documents against each other and against the blob store (see {@link
 * FsckChecks}), on a live node or a stopped one. The store is found as the node finds it: the
 * configured {@code mongo.uri}; else the embedded store, reached over its port when a node runs it
 * on a fixed {@code mongo.embeddedPort}, or opened in this process when no node runs on the data
 * directory. Exit status 0: nothing wrong (or everything repaired); 1: problems (left); 2: usage,
 * configuration or connection error.
 */
public final class Fsck {

  static final String USAGE =
      """
      usage: java -jar sinfonia.jar fsck [--repair] [--deep] [--conf FILE] [--profile NAME]
        --repair        fix what can be fixed without guessing (sizes, counts, summaries, reference
                        counts, access tokens, index entries, orphan blobs past the grace period)
        --deep          also read every blob and compare its SHA-256 with its address
        --conf FILE     the node's configuration (default: the bundled conf/sinfonia.yaml)
        --profile NAME  overlay conf/profiles/NAME.yaml, as for run
        --settle-ms N   wait this long before repairing what a live node may be changing (5000)
        --progress N    a progress line on stderr every N documents (10000)
      Runs against a live node without stopping it: reads in pages, repairs with conditional updates.
      Exit status: 0 clean, 1 problems found (or left after --repair), 2 usage or connection error.""";

  private Fsck() {}

  /** What the command line asked for. */
  record Options(
      boolean repair,
      boolean deep,
      Path conf,
      String profile,
      Duration settle,
      long progressEvery) {}

  /** The {@code fsck} command of the launcher; returns the exit status. */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("fsck: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options == null) {
      out.println(USAGE);
      return 0;
    }
    SinfoniaConfig config;
    try {
      config = ConfigLoader.load(options.conf(), options.profile(), env);
    } catch (ConfigException e) {
      err.println("fsck: configuration error: " + e.getMessage());
      return 2;
    }
    if (!config.repository().blobStore().equals("fs")) {
      err.println(
          "fsck: repository.blobStore is "
              + config.repository().blobStore()
              + ": only a node's own process sees a memory blob store");
      return 2;
    }
    Path dataDir = config.dataDir();
    if (!Files.isDirectory(dataDir)) {
      err.println("fsck: no data directory at " + dataDir.toAbsolutePath());
      return 2;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(2));
    EmbeddedMongo own = null;
    MongoClient mongo = null;
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("sinfonia-fsck", 2);
    try {
      String uri;
      try {
        if (!config.mongo().embedded()) {
          uri = config.mongo().uri();
        } else if (config.mongo().embeddedPort() != 0 && reachable(config.mongo().embeddedPort())) {
          uri = "mongodb://127.0.0.1:" + config.mongo().embeddedPort();
        } else if (nodeRunning(dataDir)) {
          err.println(
              "fsck: a node is running on "
                  + dataDir
                  + " and its embedded store is not reachable: give it a fixed mongo.embeddedPort"
                  + " (fsck then connects to it), or stop the node");
          return 2;
        } else {
          own =
              EmbeddedMongo.start(dataDir.resolve("mongo"), 0, config.mongo().embeddedCacheSize());
          uri = own.uri();
        }
      } catch (IOException | RuntimeException e) {
        err.println("fsck: cannot open the store: " + e.getMessage());
        return 2;
      }
      mongo =
          MongoClient.create(
              vertx,
              new JsonObject()
                  .put("connection_string", uri)
                  .put("db_name", config.mongo().database())
                  .put("serverSelectionTimeoutMS", 5_000));
      try {
        FsckStore.await(mongo.runCommand("ping", new JsonObject().put("ping", 1)));
      } catch (RuntimeException e) {
        err.println("fsck: cannot reach MongoDB at " + uri + ": " + e.getMessage());
        return 2;
      }
      FsckStore store =
          new FsckStore(
              vertx,
              mongo,
              new FsBlobStore(dataDir.resolve("store")),
              dataDir.resolve("store").resolve("blobs"),
              workers,
              options.progressEvery(),
              err);
      err.println("fsck: checking " + uri + " and " + dataDir.resolve("store"));
      FsckReport report = new FsckReport(out);
      new FsckChecks(store, config, options, report).run();
      return report.summary(options.repair());
    } catch (IOException | RuntimeException e) {
      err.println("fsck: " + e.getMessage());
      return 2;
    } finally {
      if (mongo != null) {
        try {
          FsckStore.await(mongo.close());
        } catch (RuntimeException ignored) {
          // closing
        }
      }
      workers.close();
      if (own != null) {
        own.close();
      }
      try {
        FsckStore.await(vertx.close());
      } catch (RuntimeException ignored) {
        // closing
      }
    }
  }

  /** Null for {@code --help}. */
  static Options parse(List<String> args) {
    boolean repair = false;
    boolean deep = false;
    Path conf = null;
    String profile = null;
    Duration settle = Duration.ofSeconds(5);
    long progress = 10_000;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--help", "-h" -> {
          return null;
        }
        case "--repair" -> repair = true;
        case "--deep" -> deep = true;
        case "--conf", "--profile", "--settle-ms", "--progress" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          String v = args.get(++i);
          try {
            switch (a) {
              case "--conf" -> conf = Path.of(v);
              case "--profile" -> profile = v;
              case "--settle-ms" -> settle = Duration.ofMillis(Long.parseLong(v));
              default -> progress = Math.max(1, Long.parseLong(v));
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(a + " needs a number, not " + v);
          }
        }
        default -> throw new IllegalArgumentException("unexpected argument " + a);
      }
    }
    return new Options(repair, deep, conf, profile, settle, progress);
  }

  private static boolean reachable(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether a node holds a run marker's lock in the data directory (see RunMarker). */
  private static boolean nodeRunning(Path dataDir) throws IOException {
    List<Path> markers = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dataDir, ".running*")) {
      found.forEach(markers::add);
    }
    for (Path marker : markers) {
      try (FileChannel c = FileChannel.open(marker, StandardOpenOption.WRITE)) {
        FileLock lock = c.tryLock();
        if (lock == null) {
          return true;
        }
        lock.release();
      } catch (OverlappingFileLockException e) {
        return true; // a node in this very process
      } catch (IOException e) {
        // gone meanwhile
      }
    }
    return false;
  }
}
