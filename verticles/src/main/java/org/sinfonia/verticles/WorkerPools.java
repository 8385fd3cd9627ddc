package org.sinfonia.verticles;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * @param modelValidations submitted models' validation ({@code models.validationThreads}); each
 *     waits for its smoke run up to the time limit
 * @param smokeRuns the smoke runs themselves, outside Vert.x: a run past its limit is terminated
 *     from the validating thread. Twice the validations, so one run still finishing a long kernel
 *     after its timeout does not hold up the next validation.
 */
public record WorkerPools(
    WorkerExecutor ldap,
    WorkerExecutor ingest,
    WorkerExecutor archives,
    WorkerExecutor previews,
    WorkerExecutor modelValidations,
    ExecutorService smokeRuns) {

  public static WorkerPools create(Vertx vertx, SinfoniaConfig config) {
    return new WorkerPools(
        vertx.createSharedWorkerExecutor("sinfonia-ldap", config.workers().ldapPoolSize()),
        vertx.createSharedWorkerExecutor("sinfonia-ingest", config.workers().ingestPoolSize()),
        // A zip download runs as long as its client reads: no blocked-thread warnings for that
        // pool.
        vertx.createSharedWorkerExecutor(
            "sinfonia-archives", config.workers().archivePoolSize(), 1, TimeUnit.DAYS),
        vertx.createSharedWorkerExecutor("sinfonia-previews", config.previews().poolSize()),
        // A validation waits up to the smoke-run limit (plus the runtime's grace): no warnings.
        vertx.createSharedWorkerExecutor(
            "sinfonia-model-validation", config.models().validationThreads(), 1, TimeUnit.DAYS),
        Executors.newFixedThreadPool(
            2 * config.models().validationThreads(), daemonThreads("sinfonia-model-smoke-")));
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public void close() {
    List.of(ldap, ingest, archives, previews, modelValidations).forEach(WorkerExecutor::close);
    smokeRuns.shutdownNow();
  }
}
