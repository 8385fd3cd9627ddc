package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.verticles.mongo.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes blobs that no file has referenced for the grace period ({@link BlobRefs} marks them
 * {@code freedAt}). Each one is claimed by deleting its reference document (only while it is still
 * unreferenced and old), then moved aside, and only then checked once more: a file that took the
 * same content again in between (its upload found the blob present just before the move) recreates
 * the document, and the blob is put back. One sweep at a time per node; several nodes may sweep,
 * the claim lets only one of them have a given blob.
 */
public final class BlobSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(BlobSweeper.class);

  /** Blobs looked at per sweep; the rest wait for the next one. */
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final MongoClient mongo;
  private final BlobStore blobs;
  private final Duration grace;
  private final Clock clock;
  private boolean sweeping;

  public BlobSweeper(Vertx vertx, MongoClient mongo, BlobStore blobs, Duration grace, Clock clock) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.blobs = blobs;
    this.grace = grace;
    this.clock = clock;
  }

  /** How often to sweep: often enough that a freed blob goes soon after its grace period. */
  public static Duration interval(Duration grace) {
    long half = grace.toMillis() / 2;
    return Duration.ofMillis(Math.max(1_000, Math.min(half, Duration.ofMinutes(10).toMillis())));
  }

  /** Removes what is due; completes with how many blobs went. */
  public Future<Integer> sweep() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    long cutoff = clock.millis() - grace.toMillis();
    JsonObject due =
        new JsonObject()
            .put("refs", new JsonObject().put("$lte", 0L))
            .put("freedAt", new JsonObject().put("$lt", cutoff));
    return mongo
        .findWithOptions(Collections.BLOB_REFS, due, new FindOptions().setLimit(BATCH))
        .compose(
            docs -> sweepEach(docs.stream().map(d -> d.getString("_id")).toList(), 0, cutoff, 0))
        .onComplete(ar -> sweeping = false)
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("removed {} unreferenced blob(s)", n);
              }
            });
  }

  /** Puts back or removes blobs a crash left moved aside (between the move and the second look). */
  public Future<Integer> recover() {
    return vertx
        .executeBlocking(blobs::retired, false)
        .compose(shas -> Future.all(shas.stream().map(this::settle).toList()).map(shas.size()));
  }

  private Future<Integer> sweepEach(List<String> shas, int i, long cutoff, int removed) {
    if (i == shas.size()) {
      return Future.succeededFuture(removed);
    }
    return sweepOne(shas.get(i), cutoff)
        .recover(
            e -> {
              LOG.warn("removing blob {} failed: {}", shas.get(i), e.getMessage());
              return Future.succeededFuture(false);
            })
        .compose(gone -> sweepEach(shas, i + 1, cutoff, removed + (gone ? 1 : 0)));
  }

  private Future<Boolean> sweepOne(String sha256, long cutoff) {
    JsonObject claim =
        new JsonObject()
            .put("_id", sha256)
            .put("refs", new JsonObject().put("$lte", 0L))
            .put("freedAt", new JsonObject().put("$lt", cutoff));
    return mongo
        .removeDocument(Collections.BLOB_REFS, claim)
        .compose(
            r -> {
              if (r == null || r.getRemovedCount() == 0) {
                return Future.succeededFuture(false); // taken again, or another node claimed it
              }
              return vertx
                  .executeBlocking(() -> blobs.retire(sha256), false)
                  .compose(v -> settle(sha256));
            });
  }

  /** A retired blob goes for good unless a file references it again; then it is put back. */
  private Future<Boolean> settle(String sha256) {
    return mongo
        .findOne(Collections.BLOB_REFS, new JsonObject().put("_id", sha256), null)
        .compose(
            doc -> {
              boolean wanted = doc != null && doc.getLong("refs", 0L) > 0;
              return vertx.executeBlocking(
                  () -> {
                    if (wanted) {
                      blobs.restore(sha256);
                      LOG.info("blob {} was stored again while being removed: kept", sha256);
                    } else {
                      blobs.purgeRetired(sha256);
                    }
                    return !wanted;
                  },
                  false);
            });
  }
}
