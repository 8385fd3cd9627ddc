package org.sinfonia.web.tus;

import io.vertx.core.Future;
import java.util.Optional;
import org.sinfonia.core.upload.UploadState;

/**
 * One request at a time per upload, across every node. A request that finds the lock held waits
 * (bounded) and asks the holder to let go, so a client that lost its connection is not stuck behind
 * its own dead PATCH; when the wait runs out it fails with {@code LOCKED} (423, which tus clients
 * retry).
 */
public interface UploadLocks {

  /**
   * @param onReleaseRequested run (on the caller's context) when another request asks for this lock
   */
  Future<UploadLease> acquire(String uploadId, Runnable onReleaseRequested);

  /** A held lock; it stays held (renewed) until released. */
  interface UploadLease {

    /**
     * The upload as this node's previous request left it, when this node has held the lock ever
     * since (so nobody else can have changed it); empty when the upload must be read afresh.
     */
    Optional<UploadState> kept();

    /** Lets go at once. */
    Future<Void> release();

    /**
     * Lets go, leaving the upload as {@code leftAs}. A store may keep the lock on this node for a
     * moment, so that the client's next request (a tus client sends its next PATCH straight away)
     * starts without a round trip to the database; it hands the lock over at once when another
     * request asks for it.
     */
    default Future<Void> release(UploadState leftAs) {
      return release();
    }
  }
}
