package org.sinfonia.verticles.tus;

import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.time.Clock;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.blob.FsPartialBlobs;
import org.sinfonia.core.blob.PartialBlobs;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.upload.ExpiryPolicy;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.ingest.ResumableIngest;
import org.sinfonia.web.tus.TusEndpoint;

/**
 * The tus pieces of one node, built from its configuration: the store, the locks and the expiry
 * purge.
 */
public record TusNode(
    MongoUploadStore store,
    MongoUploadLocks locks,
    UploadExpiryVerticle expiry,
    TusEndpoint endpoint) {

  /**
   * A node keeps the running ingest of at most this many uploads between PATCHes (a few KiB each).
   */
  private static final long MAX_RUNNING = 10_000;

  /** Where unfinished uploads' bytes live: {@code tus.uploadDir}, beside the blob store. */
  public static PartialBlobs partialBlobs(SinfoniaConfig.Tus tus, BlobStore blobs) {
    return new FsPartialBlobs(tus.uploadDir(), blobs);
  }

  /** The blocking part, run while the stores are opened: the partial-upload directory. */
  public static void prepare(SinfoniaConfig.Tus tus, BlobStore blobs) throws IOException {
    try {
      partialBlobs(tus, blobs).prepare();
    } catch (IOException e) {
      throw new IOException("tus.uploadDir: " + e.getMessage(), e);
    }
    BootId.current();
  }

  /**
   * The ingest service's resumable writer as tus uses it: running hashes kept as long as an upload
   * may idle.
   */
  public static ResumableIngest resumable(Ingest ingest, SinfoniaConfig.Tus tus, BlobStore blobs) {
    return ingest.resumable(partialBlobs(tus, blobs), tus.expiry(), MAX_RUNNING);
  }

  public static TusNode create(
      Vertx vertx, MongoClient mongo, ResumableIngest bytes, SinfoniaConfig config, Clock clock) {
    SinfoniaConfig.Tus tus = config.tus();
    long maxSize = Math.min(tus.maxSize(), bytes.maxBytes());
    MongoUploadStore store =
        new MongoUploadStore(
            mongo, bytes, new ExpiryPolicy(tus.expiry()), maxSize, clock, BootId.current());
    MongoUploadLocks locks =
        new MongoUploadLocks(vertx, mongo, tus.lockWait(), tus.lease(), tus.lockHandover(), clock);
    return new TusNode(
        store,
        locks,
        new UploadExpiryVerticle(store, locks, tus.purgeInterval(), clock),
        new TusEndpoint(maxSize, config.http().publicUrl()));
  }
}
