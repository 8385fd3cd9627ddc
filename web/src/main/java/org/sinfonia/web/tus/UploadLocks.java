package org.sinfonia.web.tus;

import io.vertx.core.Future;

/**
 * One request at a time per upload, across every node. A request that finds the lock held waits (bounded)
 * and asks the holder to let go, so a client that lost its connection is not stuck behind its own dead
 * PATCH; when the wait runs out it fails with {@code LOCKED} (423, which tus clients retry).
 */
public interface UploadLocks {

  /** @param onReleaseRequested run (on the holder's context) when another request asks for this lock */
  Future<UploadLease> acquire(String uploadId, Runnable onReleaseRequested);

  /** A held lock; it stays held (renewed) until released. */
  interface UploadLease {
    Future<Void> release();
  }
}
