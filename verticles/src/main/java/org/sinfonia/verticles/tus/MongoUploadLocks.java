package org.sinfonia.verticles.tus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.tus.UploadLocks;

/**
 * Upload locks as lease documents in MongoDB ({@code upload_locks}, keyed by upload id), so any node can serve
 * any upload. An absent lock is taken by inserting it (two takers collide on {@code _id}; one wins), an expired
 * one by a {@code findOneAndUpdate} on {@code _id} that matches only while the lease is still expired. The
 * holder renews its lease while it works and reads the {@code releaseRequested} flag a waiter sets; a waiter
 * polls until its wait runs out. A crashed holder's lease simply expires.
 */
public final class MongoUploadLocks implements UploadLocks {

  /** How often a waiter tries again. */
  private static final Duration POLL = Duration.ofMillis(50);
  /** The holder looks for release requests at least this often, so a waiting client is served quickly. */
  private static final Duration MAX_RENEW_INTERVAL = Duration.ofMillis(250);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final Duration wait;
  private final Duration lease;
  private final Clock clock;

  public MongoUploadLocks(Vertx vertx, MongoClient mongo, Duration wait, Duration lease, Clock clock) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.wait = wait;
    this.lease = lease;
    this.clock = clock;
  }

  @Override
  public Future<UploadLease> acquire(String uploadId, Runnable onReleaseRequested) {
    String holder = UUID.randomUUID().toString();
    Promise<UploadLease> acquired = Promise.promise();
    // Released locks are deleted, so the usual case is an absent one: a single insert takes it.
    insert(uploadId, holder).onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        acquired.complete(new Lease(uploadId, holder, onReleaseRequested));
      } else if (ar.failed()) {
        acquired.fail(ar.cause());
      } else {
        attempt(uploadId, holder, clock.millis() + wait.toMillis(), false, acquired, onReleaseRequested);
      }
    });
    return acquired.future();
  }

  /**
   * One more try on a lock that was held: an absent one is inserted, an expired lease is taken over with a
   * {@code findOneAndUpdate} that matches only while it is still expired, and a live one is asked to let go
   * (once) and tried again shortly. Looking first keeps a waiter from hammering the database with writes that
   * must fail.
   */
  private void attempt(String uploadId, String holder, long deadline, boolean asked, Promise<UploadLease> acquired,
                       Runnable onReleaseRequested) {
    long now = clock.millis();
    JsonObject byId = new JsonObject().put("_id", uploadId);
    mongo.findOne(Collections.UPLOAD_LOCKS, byId, null).compose(current -> {
      if (current == null) {
        return insert(uploadId, holder);
      }
      if (current.getLong("leaseUntil", 0L) < now) {
        return mongo.findOneAndUpdateWithOptions(Collections.UPLOAD_LOCKS,
                byId.copy().put("leaseUntil", new JsonObject().put("$lt", now)),
                new JsonObject().put("$set", new JsonObject().put("holder", holder)
                    .put("leaseUntil", now + lease.toMillis()).put("releaseRequested", false)),
                new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
            .map(taken -> taken != null);
      }
      return asked ? Future.succeededFuture(false) : requestRelease(uploadId).map(false);
    }).onComplete(ar -> {
      if (ar.failed()) {
        acquired.fail(ar.cause());
      } else if (ar.result()) {
        acquired.complete(new Lease(uploadId, holder, onReleaseRequested));
      } else if (clock.millis() >= deadline) {
        acquired.fail(new ApiError(ApiError.Kind.LOCKED, "UPLOAD_LOCKED",
            "another request is working on upload " + uploadId + "; try again"));
      } else {
        vertx.setTimer(POLL.toMillis(), t -> attempt(uploadId, holder, deadline, true, acquired, onReleaseRequested));
      }
    });
  }

  /** Takes an absent lock; false if someone holds it (two takers collide on {@code _id}, one wins). */
  private Future<Boolean> insert(String uploadId, String holder) {
    return mongo.insert(Collections.UPLOAD_LOCKS, new JsonObject().put("_id", uploadId).put("holder", holder)
            .put("leaseUntil", clock.millis() + lease.toMillis()).put("releaseRequested", false))
        .map(true).recover(e -> duplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  private Future<?> requestRelease(String uploadId) {
    return mongo.updateCollection(Collections.UPLOAD_LOCKS, new JsonObject().put("_id", uploadId),
        new JsonObject().put("$set", new JsonObject().put("releaseRequested", true)));
  }

  private static boolean duplicateKey(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("E11000") || m.contains("duplicate key");
  }

  /** A held lock: renewed on a timer of the holder's context until released. */
  private final class Lease implements UploadLease {

    private final String uploadId;
    private final String holder;
    private final Runnable onReleaseRequested;
    private final Context context;
    private final long timer;
    private boolean released;
    private boolean toldToRelease;

    Lease(String uploadId, String holder, Runnable onReleaseRequested) {
      this.uploadId = uploadId;
      this.holder = holder;
      this.onReleaseRequested = onReleaseRequested;
      this.context = vertx.getOrCreateContext();
      long every = Math.max(10, Math.min(lease.toMillis() / 3, MAX_RENEW_INTERVAL.toMillis()));
      this.timer = vertx.setPeriodic(every, t -> renew());
    }

    private void renew() {
      mongo.findOneAndUpdateWithOptions(Collections.UPLOAD_LOCKS,
          new JsonObject().put("_id", uploadId).put("holder", holder),
          new JsonObject().put("$set", new JsonObject().put("leaseUntil", clock.millis() + lease.toMillis())),
          new FindOptions(), new UpdateOptions().setReturningNewDocument(true)).onComplete(ar -> {
            if (released || ar.failed()) {
              return;     // a failed renewal is retried on the next tick; the lease outlives a few of them
            }
            // Gone means another request took the lock after our lease ran out: stop as if asked to.
            if (ar.result() == null || ar.result().getBoolean("releaseRequested", false)) {
              tellToRelease();
            }
          });
    }

    private void tellToRelease() {
      if (!toldToRelease) {
        toldToRelease = true;
        context.runOnContext(v -> onReleaseRequested.run());
      }
    }

    @Override
    public Future<Void> release() {
      released = true;
      vertx.cancelTimer(timer);
      return mongo.removeDocuments(Collections.UPLOAD_LOCKS,
          new JsonObject().put("_id", uploadId).put("holder", holder)).mapEmpty();
    }
  }
}
