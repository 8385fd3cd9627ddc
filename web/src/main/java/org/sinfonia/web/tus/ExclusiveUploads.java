package org.sinfonia.web.tus;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.sinfonia.core.upload.UploadState;

/**
 * Runs a request's work on an upload while holding its lock, on the upload as stored right now (the access
 * check's copy may be stale by the time the lock is won). If another request asks for the lock meanwhile,
 * this request's connection is closed: its body breaks off, the store keeps what arrived, and the lock
 * passes on as soon as that is recorded.
 */
final class ExclusiveUploads {

  private final UploadStore store;
  private final UploadLocks locks;

  ExclusiveUploads(UploadStore store, UploadLocks locks) {
    this.store = store;
    this.locks = locks;
  }

  <T> Future<T> run(RoutingContext rc, String id, Function<UploadState, Future<T>> work) {
    return locks.acquire(id, () -> letGo(rc))
        .compose(lease -> store.find(id)
            .compose(found -> found.isPresent() ? work.apply(found.get())
                : Future.<T>failedFuture(TusErrors.notFound(id)))
            .eventually(lease::release));
  }

  private static void letGo(RoutingContext rc) {
    if (!rc.request().isEnded() && !rc.response().ended()) {
      rc.request().connection().close();
    }
  }
}
