package org.sinfonia.web.tus;

import io.vertx.core.Future;
import org.sinfonia.core.auth.Principal;
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
        .file(upload, caller, () -> store.complete(upload))
        .compose(fileId -> store.registered(upload, fileId));
  }
}
