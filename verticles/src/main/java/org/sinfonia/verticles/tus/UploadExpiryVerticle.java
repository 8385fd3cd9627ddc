package org.sinfonia.verticles.tus;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.tus.UploadLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges expired uploads every {@code interval}: abandoned partial files with their records, and
 * the records of uploads whose bytes became repository files. Each under the upload's lock, so a
 * PATCH that arrives at the last moment either finishes first or finds the upload gone. Safe on
 * every node at once.
 */
public final class UploadExpiryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UploadExpiryVerticle.class);

  private final MongoUploadStore store;
  private final UploadLocks locks;
  private final Duration interval;
  private final Clock clock;
  private boolean running;

  public UploadExpiryVerticle(
      MongoUploadStore store, UploadLocks locks, Duration interval, Clock clock) {
    this.store = store;
    this.locks = locks;
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * Purges once at start (uploads may have expired while the node was down), then every interval.
   */
  @Override
  public Future<?> start() {
    vertx.setPeriodic(interval.toMillis(), t -> purge());
    return purge().otherwiseEmpty();
  }

  /** One sweep; a sweep still running when the next is due lets that one pass. */
  Future<Integer> purge() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    Instant now = clock.instant();
    return store
        .expiredBy(now)
        .compose(
            candidates -> {
              Future<Integer> chain = Future.succeededFuture(0);
              for (UploadState candidate : candidates) {
                chain =
                    chain.compose(
                        n ->
                            purgeOne(candidate.id(), now)
                                .map(purged -> purged ? n + 1 : n)
                                .otherwise(
                                    e -> {
                                      LOG.warn(
                                          "could not purge upload {}: {}",
                                          candidate.id(),
                                          e.getMessage());
                                      return n;
                                    }));
              }
              return chain;
            })
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("purged {} expired upload(s)", n);
              }
            })
        .onFailure(e -> LOG.warn("upload purge failed: {}", e.getMessage()))
        .eventually(
            () -> {
              running = false;
              return Future.succeededFuture();
            });
  }

  private Future<Boolean> purgeOne(String id, Instant now) {
    return locks
        .acquire(id, () -> {})
        .compose(
            lease ->
                store
                    .find(id)
                    .compose(
                        found -> {
                          if (found.isEmpty()) {
                            return Future.succeededFuture(false);
                          }
                          return switch (store.expiry().purge(found.get(), now)) {
                            case KEEP -> Future.succeededFuture(false);
                            case RECORD_ONLY -> store.forget(found.get()).map(true);
                            case RECORD_AND_BYTES -> store.terminate(found.get()).map(true);
                          };
                        })
                    .eventually(lease::release));
  }
}
