package org.sinfonia.web.tus;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.sinfonia.core.upload.UploadState;

/**
 * Runs a request's work on an upload while holding its lock, on the upload as stored right now (the
 * access check may have run before another request changed it). If another request asks for the
 * lock meanwhile, this request's connection is closed: its body breaks off, the store keeps what
 * arrived, and the lock passes on as soon as that is recorded.
 */
final class ExclusiveUploads {

  private final UploadStore store;
  private final UploadLocks locks;

  ExclusiveUploads(UploadStore store, UploadLocks locks) {
    this.store = store;
    this.locks = locks;
  }

  /**
   * For work that leaves the upload in a known state (HEAD, PATCH): the lock is released with that
   * state, so the client's next request on this node can skip reading it again.
   */
  Future<UploadState> update(
      RoutingContext rc, String id, Function<UploadState, Future<UploadState>> work) {
    return locks
        .acquire(id, () -> letGo(rc))
        .compose(
            lease -> {
              Future<UploadState> done = current(id, lease).compose(work);
              return done.transform(
                  ar ->
                      (ar.succeeded() ? lease.release(ar.result()) : lease.release())
                          .transform(released -> done));
            });
  }

  /**
   * For work after which the upload may be gone or its state unknown (DELETE): the lock is released
   * outright.
   */
  <T> Future<T> run(RoutingContext rc, String id, Function<UploadState, Future<T>> work) {
    return locks
        .acquire(id, () -> letGo(rc))
        .compose(lease -> current(id, lease).compose(work).eventually(lease::release));
  }

  private Future<UploadState> current(String id, UploadLocks.UploadLease lease) {
    return lease
        .kept()
        .map(Future::succeededFuture)
        .orElseGet(
            () ->
                store
                    .find(id)
                    .compose(
                        found ->
                            found.isPresent()
                                ? Future.succeededFuture(found.get())
                                : Future.failedFuture(TusErrors.notFound(id))));
  }

  private static void letGo(RoutingContext rc) {
    if (!rc.request().isEnded() && !rc.response().ended()) {
      rc.request().connection().close();
    }
  }
}
