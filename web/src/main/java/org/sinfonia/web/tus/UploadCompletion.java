package org.sinfonia.web.tus;

import io.vertx.core.Future;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.upload.UploadState;

/**
 * Turns an upload that has all its bytes into a file at its {@link UploadDestination}, then records
 * that file on the upload. Safe to run again after a crash interrupted it (every step is
 * idempotent).
 */
final class UploadCompletion {

  private final UploadStore store;
  private final UploadDestination destination;

  UploadCompletion(UploadStore store, UploadDestination destination) {
    this.store = store;
    this.destination = destination;
  }

  /** Whether {@link #complete} has work to do for this upload. */
  static boolean pending(UploadState upload) {
    return upload.allBytesReceived() && !upload.partial() && !upload.registered();
  }

  Future<UploadState> complete(UploadState upload, Principal caller) {
    if (!pending(upload)) {
      return Future.succeededFuture(upload);
    }
    return destination
        .file(upload, caller, privacy -> store.complete(upload, privacy))
        .compose(fileId -> store.registered(upload, fileId))
        .recover(e -> refusedForPrivacy(e) ? dropped(upload, e) : Future.failedFuture(e));
  }

  /** The privacy stage refused the file: its identifying bytes are not kept for a retry. */
  private static boolean refusedForPrivacy(Throwable e) {
    return e instanceof ApiError a && a.kind() == ApiError.Kind.UNPROCESSABLE;
  }

  private Future<UploadState> dropped(UploadState upload, Throwable refusal) {
    Future<Void> gone =
        store instanceof TerminatingStore terminating
            ? terminating.terminate(upload)
            : Future.succeededFuture();
    return gone.transform(ar -> Future.failedFuture(refusal));
  }
}
