package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * The in-process MongoDB wire-protocol server (mongo-java-server, H2 file backend) used when no
 * {@code mongo.uri} is configured. It listens on loopback only; the service talks to it through the
 * real Vert.x Mongo client, exactly as it would to a MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final int COMMIT_DELAY_MS = 20;

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  /** Blocking: opens (or creates) {@code dir/sinfonia.mv.db} and binds. */
  public static EmbeddedMongo start(Path dir, int port, long cacheBytes) throws IOException {
    Files.createDirectories(dir);
    // H2's default page cache (16 MB) held too few pages once the DICOM index grew: unique-index
    // checks read and
    // decoded the same pages again and again. (Smaller pages than H2's default measured slower.)
    MVStore store =
        new MVStore.Builder()
            .fileName(dir.resolve("sinfonia.mv.db").toString())
            .cacheSize((int) Math.max(1, cacheBytes >> 20))
            .open();
    H2Backend backend = new FastIndexH2Backend(store);
    // H2 writes committed changes to its file from a background thread, by default once a second; a
    // process
    // killed in that second loses them (upload offsets, new records). Writing them out sooner
    // narrows that
    // window to COMMIT_DELAY_MS. (Power-loss durability needs a real MongoDB with journaling.)
    backend.getMvStore().setAutoCommitDelay(COMMIT_DELAY_MS);
    MongoServer server = new MongoServer(backend);
    try {
      server.bind(new InetSocketAddress("127.0.0.1", port));
      InetSocketAddress bound = server.getLocalAddress();
      return new EmbeddedMongo(server, bound);
    } catch (RuntimeException e) {
      server.shutdownNow();
      throw new IOException(
          "embedded MongoDB could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
