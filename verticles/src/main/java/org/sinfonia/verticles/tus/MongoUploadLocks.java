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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.tus.UploadLocks;

/**
 * Upload locks as lease documents in MongoDB ({@code upload_locks}, keyed by upload id), so any
 * node can serve any upload. An absent lock is taken by inserting it (two takers collide on {@code
 * _id}; one wins), an expired one by a {@code findOneAndUpdate} on {@code _id} that matches only
 * while the lease is still expired. The holder renews its lease while it works and reads the {@code
 * releaseRequested} flag a waiter sets; a waiter polls until its wait runs out. A crashed holder's
 * lease simply expires. A lease released with the upload's state may stay parked on this node a
 * moment for that upload's next request (see {@link Lease}).
 */
public final class MongoUploadLocks implements UploadLocks {

  /** How often a waiter tries again. */
  private static final Duration POLL = Duration.ofMillis(50);

  /**
   * The holder looks for release requests at least this often, so a waiting client is served
   * quickly.
   */
  private static final Duration MAX_RENEW_INTERVAL = Duration.ofMillis(250);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final Duration wait;
  private final Duration lease;
  private final Duration handover;
  private final Clock clock;

  /**
   * Leases released with a known upload state, kept a moment for the same upload's next request.
   */
  private final ConcurrentMap<String, Lease> parked = new ConcurrentHashMap<>();

  /**
   * @param handover how long a released lease stays on this node for the upload's next request (0:
   *     never)
   */
  public MongoUploadLocks(
      Vertx vertx,
      MongoClient mongo,
      Duration wait,
      Duration lease,
      Duration handover,
      Clock clock) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.wait = wait;
    this.lease = lease;
    this.handover = handover;
    this.clock = clock;
  }

  @Override
  public Future<UploadLease> acquire(String uploadId, Runnable onReleaseRequested) {
    Lease mine = parked.remove(uploadId);
    if (mine != null && mine.resume(onReleaseRequested)) {
      return Future.succeededFuture(mine);
    }
    String holder = UUID.randomUUID().toString();
    Promise<UploadLease> acquired = Promise.promise();
    // Released locks are deleted, so the usual case is an absent one: a single insert takes it.
    insert(uploadId, holder)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result()) {
                acquired.complete(new Lease(uploadId, holder, onReleaseRequested));
              } else if (ar.failed()) {
                acquired.fail(ar.cause());
              } else {
                attempt(
                    uploadId,
                    holder,
                    clock.millis() + wait.toMillis(),
                    false,
                    acquired,
                    onReleaseRequested);
              }
            });
    return acquired.future();
  }

  /**
   * Lets go of every lease parked on this node (a graceful stop), so no upload waits for them to
   * expire.
   */
  public Future<Void> releaseParked() {
    List<Future<Void>> released = new ArrayList<>();
    for (String id : List.copyOf(parked.keySet())) {
      Lease lease = parked.remove(id);
      if (lease != null) {
        released.add(lease.releaseNow());
      }
    }
    return Future.join(released).mapEmpty();
  }

  /**
   * One more try on a lock that was held: an absent one is inserted, an expired lease is taken over
   * with a {@code findOneAndUpdate} that matches only while it is still expired, and a live one is
   * asked to let go (once) and tried again shortly. Looking first keeps a waiter from hammering the
   * database with writes that must fail.
   */
  private void attempt(
      String uploadId,
      String holder,
      long deadline,
      boolean asked,
      Promise<UploadLease> acquired,
      Runnable onReleaseRequested) {
    long now = clock.millis();
    JsonObject byId = new JsonObject().put("_id", uploadId);
    mongo
        .findOne(Collections.UPLOAD_LOCKS, byId, null)
        .compose(
            current -> {
              if (current == null) {
                return insert(uploadId, holder);
              }
              if (current.getLong("leaseUntil", 0L) < now) {
                return mongo
                    .findOneAndUpdateWithOptions(
                        Collections.UPLOAD_LOCKS,
                        byId.copy().put("leaseUntil", new JsonObject().put("$lt", now)),
                        new JsonObject()
                            .put(
                                "$set",
                                new JsonObject()
                                    .put("holder", holder)
                                    .put("leaseUntil", now + lease.toMillis())
                                    .put("releaseRequested", false)),
                        new FindOptions(),
                        new UpdateOptions().setReturningNewDocument(true))
                    .map(taken -> taken != null);
              }
              return asked ? Future.succeededFuture(false) : requestRelease(uploadId).map(false);
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                acquired.fail(ar.cause());
              } else if (ar.result()) {
                acquired.complete(new Lease(uploadId, holder, onReleaseRequested));
              } else if (clock.millis() >= deadline) {
                acquired.fail(
                    new ApiError(
                        ApiError.Kind.LOCKED,
                        "UPLOAD_LOCKED",
                        "another request is working on upload " + uploadId + "; try again"));
              } else {
                vertx.setTimer(
                    POLL.toMillis(),
                    t -> attempt(uploadId, holder, deadline, true, acquired, onReleaseRequested));
              }
            });
  }

  /**
   * Takes an absent lock; false if someone holds it (two takers collide on {@code _id}, one wins).
   */
  private Future<Boolean> insert(String uploadId, String holder) {
    return mongo
        .insert(
            Collections.UPLOAD_LOCKS,
            new JsonObject()
                .put("_id", uploadId)
                .put("holder", holder)
                .put("leaseUntil", clock.millis() + lease.toMillis())
                .put("releaseRequested", false))
        .map(true)
        .recover(e -> duplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  private Future<?> requestRelease(String uploadId) {
    return mongo.updateCollection(
        Collections.UPLOAD_LOCKS,
        new JsonObject().put("_id", uploadId),
        new JsonObject().put("$set", new JsonObject().put("releaseRequested", true)));
  }

  private static boolean duplicateKey(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("E11000") || m.contains("duplicate key");
  }

  /**
   * A held lock, renewed on a timer until released. Released with the upload's state, it first
   * stays parked on this node for {@code handover}: the same client's next request takes it back
   * without asking the database (a tus client sends its next PATCH at once); a request from
   * elsewhere that asks for it gets it on the next renewal, and otherwise it is given back when the
   * handover ends.
   */
  private final class Lease implements UploadLease {

    private final String uploadId;
    private final String holder;
    private final long timer;
    // Touched from the event loops of the requests that take the lease in turn, and from the
    // renewal timer.
    private volatile Runnable onReleaseRequested;
    private volatile Context context;
    private volatile long confirmedUntil;
    private volatile UploadState kept;
    private volatile boolean released;
    private volatile boolean toldToRelease;
    private volatile long handoverTimer = -1;

    Lease(String uploadId, String holder, Runnable onReleaseRequested) {
      this.uploadId = uploadId;
      this.holder = holder;
      this.onReleaseRequested = onReleaseRequested;
      this.context = vertx.getOrCreateContext();
      this.confirmedUntil = clock.millis() + lease.toMillis();
      long every = Math.max(10, Math.min(lease.toMillis() / 3, MAX_RENEW_INTERVAL.toMillis()));
      this.timer = vertx.setPeriodic(every, t -> renew());
    }

    /**
     * Hands a parked lease to a new request; false if it can no longer be trusted (its last
     * confirmed renewal is old enough that another node may take the lock over soon), in which case
     * it is let go.
     */
    boolean resume(Runnable whenAsked) {
      vertx.cancelTimer(handoverTimer);
      if (confirmedUntil - clock.millis() < lease.toMillis() / 2) {
        releaseNow();
        return false;
      }
      onReleaseRequested = whenAsked;
      context = vertx.getOrCreateContext();
      toldToRelease = false;
      return true;
    }

    private void renew() {
      long until = clock.millis() + lease.toMillis();
      mongo
          .findOneAndUpdateWithOptions(
              Collections.UPLOAD_LOCKS,
              new JsonObject().put("_id", uploadId).put("holder", holder),
              new JsonObject().put("$set", new JsonObject().put("leaseUntil", until)),
              new FindOptions(),
              new UpdateOptions().setReturningNewDocument(true))
          .onComplete(
              ar -> {
                if (released || ar.failed()) {
                  return; // a failed renewal is retried on the next tick; the lease outlives a few
                  // of them
                }
                // Gone means another request took the lock after our lease ran out: stop as if
                // asked to.
                boolean lost = ar.result() == null;
                if (!lost) {
                  confirmedUntil = until;
                }
                if (lost || ar.result().getBoolean("releaseRequested", false)) {
                  if (parked.remove(uploadId, this)) {
                    releaseNow();
                  } else {
                    tellToRelease();
                  }
                }
              });
    }

    private void tellToRelease() {
      if (!toldToRelease) {
        toldToRelease = true;
        Runnable whenAsked = onReleaseRequested;
        context.runOnContext(v -> whenAsked.run());
      }
    }

    @Override
    public Optional<UploadState> kept() {
      return Optional.ofNullable(kept);
    }

    @Override
    public Future<Void> release(UploadState leftAs) {
      if (handover.isZero() || toldToRelease) {
        return release();
      }
      kept = leftAs;
      Lease before = parked.put(uploadId, this);
      if (before != null && before != this) {
        before.releaseNow();
      }
      handoverTimer =
          vertx.setTimer(
              handover.toMillis(),
              t -> {
                if (parked.remove(uploadId, this)) {
                  releaseNow();
                }
              });
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> release() {
      parked.remove(uploadId, this);
      return releaseNow();
    }

    private Future<Void> releaseNow() {
      released = true;
      kept = null;
      vertx.cancelTimer(timer);
      vertx.cancelTimer(handoverTimer);
      return mongo
          .removeDocuments(
              Collections.UPLOAD_LOCKS, new JsonObject().put("_id", uploadId).put("holder", holder))
          .mapEmpty();
    }
  }
}
