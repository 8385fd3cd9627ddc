package org.sinfonia.verticles;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sinfonia.core.config.SinfoniaConfig;

/**
 * The node's named worker pools, one per kind of blocking work, each sized by its own configuration
 * key, so a slow directory or a long zip download never takes the threads another kind of work
 * needs. Thread names carry the pool's name ({@code sinfonia-ingest-…}), which is what thread dumps
 * and the Vert.x pool metrics show.
 *
 * @param ldap directory binds and searches ({@code workers.ldapPoolSize})
 * @param ingest blob writes, SHA-256 and DICOM header parsing of incoming files ({@code
 *     workers.ingestPoolSize})
 * @param archives zip downloads, one thread per download in progress ({@code
 *     workers.archivePoolSize})
 * @param previews on-demand decoding, rendering and PNG encoding ({@code previews.poolSize})
 */
public record WorkerPools(
    WorkerExecutor ldap, WorkerExecutor ingest, WorkerExecutor archives, WorkerExecutor previews) {

  public static WorkerPools create(Vertx vertx, SinfoniaConfig config) {
    return new WorkerPools(
        vertx.createSharedWorkerExecutor("sinfonia-ldap", config.workers().ldapPoolSize()),
        vertx.createSharedWorkerExecutor("sinfonia-ingest", config.workers().ingestPoolSize()),
        // A zip download runs as long as its client reads: no blocked-thread warnings for that
        // pool.
        vertx.createSharedWorkerExecutor(
            "sinfonia-archives", config.workers().archivePoolSize(), 1, TimeUnit.DAYS),
        vertx.createSharedWorkerExecutor("sinfonia-previews", config.previews().poolSize()));
  }

  public void close() {
    List.of(ldap, ingest, archives, previews).forEach(WorkerExecutor::close);
  }
}
