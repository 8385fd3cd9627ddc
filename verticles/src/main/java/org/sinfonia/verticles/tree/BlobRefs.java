package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.verticles.mongo.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference counts of blobs ({@code _id} = SHA-256): two files with the same content share one
 * blob. When the last of them goes the blob is not deleted at once but marked {@code freedAt};
 * {@link BlobSweeper} removes it after the grace period, and a file that takes it again meanwhile
 * (the same content uploaded anew) just clears the mark. Deleting at once raced with such an
 * upload: it could find the blob present, drop its own copy, and register a file whose blob was
 * being deleted.
 */
final class BlobRefs {

  private static final Logger LOG = LoggerFactory.getLogger(BlobRefs.class);

  private final MongoClient mongo;
  private final Clock clock;

  BlobRefs(MongoClient mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  Future<Void> acquire(String sha256, long size) {
    return mongo
        .updateCollectionWithOptions(
            Collections.BLOB_REFS,
            new JsonObject().put("_id", sha256),
            new JsonObject()
                .put("$inc", new JsonObject().put("refs", 1L))
                .put("$set", new JsonObject().put("size", size))
                .put("$unset", new JsonObject().put("freedAt", "")),
            new UpdateOptions().setUpsert(true))
        .mapEmpty();
  }

  /**
   * One reference per blob listed (a blob listed twice gets two), with one write per distinct blob,
   * sent at once.
   */
  Future<Void> acquireAll(List<Blob> listed) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Blob b : listed) {
      counts.merge(b.sha256(), 1L, Long::sum);
      sizes.put(b.sha256(), b.size());
    }
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    List<BulkOperation> ops = new ArrayList<>();
    counts.forEach(
        (sha, n) ->
            ops.add(
                BulkOperation.createUpdate(
                    new JsonObject().put("_id", sha),
                    new JsonObject()
                        .put("$inc", new JsonObject().put("refs", n))
                        .put("$set", new JsonObject().put("size", sizes.get(sha)))
                        .put("$unset", new JsonObject().put("freedAt", "")),
                    true,
                    false)));
    return mongo.bulkWrite(Collections.BLOB_REFS, ops).mapEmpty();
  }

  /** Drops one reference; marks the blob freed when it was the last. */
  Future<Void> release(String sha256) {
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.BLOB_REFS,
            new JsonObject().put("_id", sha256),
            new JsonObject().put("$inc", new JsonObject().put("refs", -1L)),
            new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(
            doc ->
                doc == null || doc.getLong("refs", 0L) > 0
                    ? Future.<Void>succeededFuture()
                    : mongo
                        .updateCollection(
                            Collections.BLOB_REFS,
                            new JsonObject()
                                .put("_id", sha256)
                                .put("refs", new JsonObject().put("$lte", 0L)),
                            new JsonObject()
                                .put("$set", new JsonObject().put("freedAt", clock.millis())))
                        .<Void>mapEmpty())
        .onFailure(e -> LOG.warn("releasing blob {} failed: {}", sha256, e.getMessage()));
  }
}
