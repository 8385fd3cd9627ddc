package org.sinfonia.verticles.tus;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.time.Clock;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.upload.ExpiryPolicy;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.tus.TusEndpoint;

/** The tus pieces of one node, built from its configuration: the store, the locks and the expiry purge. */
public record TusNode(MongoUploadStore store, MongoUploadLocks locks, UploadExpiryVerticle expiry,
                      TusEndpoint endpoint) {

  /** A node keeps the running ingest of at most this many uploads between PATCHes (a few KiB each). */
  private static final long MAX_RUNNING = 10_000;

  /** The blocking part, run while the stores are opened: the partial-upload directory. */
  public static void prepare(SinfoniaConfig.Tus tus, BlobStore blobs) throws IOException {
    PartialFiles.prepare(tus.uploadDir(), blobs);
    BootId.current();
  }

  public static TusNode create(Vertx vertx, MongoClient mongo, WorkerExecutor workers, BlobStore blobs,
                               Ingest ingest, SinfoniaConfig config, Clock clock) {
    SinfoniaConfig.Tus tus = config.tus();
    long maxSize = Math.min(tus.maxSize(), ingest.limits().maxFileBytes());
    UploadBytes bytes = new UploadBytes(workers, new PartialFiles(tus.uploadDir()), blobs, ingest::newTaps,
        new RunningIngests(tus.expiry(), MAX_RUNNING), ingest.limits().syncEveryBytes());
    MongoUploadStore store = new MongoUploadStore(mongo, bytes, new ExpiryPolicy(tus.expiry()), maxSize, clock,
        BootId.current());
    MongoUploadLocks locks = new MongoUploadLocks(vertx, mongo, tus.lockWait(), tus.lease(), tus.lockHandover(), clock);
    return new TusNode(store, locks, new UploadExpiryVerticle(store, locks, tus.purgeInterval(), clock),
        new TusEndpoint(maxSize, config.http().publicUrl()));
  }
}
