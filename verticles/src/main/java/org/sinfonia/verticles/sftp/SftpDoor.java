package org.sinfonia.verticles.sftp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.verticles.jobs.JobWorkers;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.auth.LoginService;
import org.sinfonia.web.auth.UserRepository;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.jobs.JobRepository;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.repo.ResourceAccess;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.sftp.SftpAccounts;
import org.sinfonia.web.zip.ExtractAfterUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFTP door of a node, assembled and started in one place: the SSH server, the ingestion and
 * export job workers, and the periodic outbox sweep. {@link #stop()} closes the server (open
 * sessions end; their half-written uploads are not ingested).
 */
public final class SftpDoor {

  private static final Logger LOG = LoggerFactory.getLogger(SftpDoor.class);

  /**
   * What the door is built from, by concern: the services every other door uses too, each group
   * handed only to the parts that use it.
   */
  public record Parts(Logins logins, Files files, Jobs jobs, Clock clock) {}

  /**
   * Who may log in, and the record of it ({@link SftpAuthenticators}); users and SFTP accounts also
   * name a login's inbox and outbox ({@link InboxTargets}).
   */
  public record Logins(
      LoginService logins, UserRepository users, SftpAccounts accounts, Audit audit) {}

  /**
   * Where files go and come from: the tree and its access (inbox and outbox targets, exports), the
   * one ingest path (inbox files) and the blobs exports read.
   */
  public record Files(
      TreeRepository tree, ResourceAccess access, IngestService ingest, BlobStore blobs) {}

  /**
   * The jobs the door queues and works: the repository its workers lease from, the submitter the
   * inbox watcher queues ingestion with, and the zip extraction an ingested file may ask for.
   */
  public record Jobs(
      JobRepository repository, JobSubmitter submitter, ExtractAfterUpload extractions) {}

  private final Vertx vertx;
  private final SftpServer server;
  private final ExecutorService answers;
  private final long sweepTimer;

  private SftpDoor(Vertx vertx, SftpServer server, ExecutorService answers, long sweepTimer) {
    this.vertx = vertx;
    this.server = server;
    this.answers = answers;
    this.sweepTimer = sweepTimer;
  }

  public static Future<SftpDoor> start(Vertx vertx, SinfoniaConfig config, Parts parts) {
    SinfoniaConfig.Sftp sftp = config.sftp();
    SinfoniaConfig.Workers workers = config.workers();
    Logins logins = parts.logins();
    Files files = parts.files();
    Jobs jobs = parts.jobs();
    InboxWatcher inbox = new InboxWatcher(jobs.submitter());
    InboxTargets targets =
        new InboxTargets(logins.users(), logins.accounts(), files.tree(), files.access());
    return vertx
        .executeBlocking(() -> new SftpArea(sftp.rootDir()))
        .compose(
            area -> {
              SftpIngestJob ingestJob =
                  new SftpIngestJob(
                      area,
                      inbox::isOpenForWriting,
                      targets,
                      files.ingest(),
                      new SftpIngestJob.Options(
                          sftp.deleteIngested(), workers.jobMaxAttempts(), jobs.extractions()));
              SftpExportJob exportJob =
                  new SftpExportJob(area, targets, files.tree(), files.access(), files.blobs());
              OutboxExpiry expiry = new OutboxExpiry(area, sftp.outboxExpiry(), parts.clock());
              ExecutorService answers = SftpServer.authAnswerThreads();
              SftpAuthenticators auth =
                  new SftpAuthenticators(logins, answers, Duration.ofSeconds(10));
              SftpServer server =
                  new SftpServer(sftp, area, auth, new SftpQuota(sftp.quotaBytes()), inbox);
              return JobWorkers.deploy(
                      vertx,
                      jobs.repository(),
                      ingestJob,
                      sftp.ingestThreads(),
                      workers.jobLease(),
                      workers.jobMaxAttempts())
                  .compose(
                      x ->
                          JobWorkers.deploy(
                              vertx,
                              jobs.repository(),
                              exportJob,
                              sftp.exportThreads(),
                              workers.jobLease(),
                              workers.jobMaxAttempts()))
                  .compose(
                      x ->
                          vertx.executeBlocking(
                              () -> {
                                server.start();
                                return server;
                              }))
                  .map(
                      started -> {
                        long timer =
                            vertx.setPeriodic(
                                sftp.outboxSweepEvery().toMillis(),
                                t ->
                                    vertx
                                        .executeBlocking(expiry::sweep, false)
                                        .onFailure(
                                            e ->
                                                LOG.warn("outbox sweep failed: {}", e.toString())));
                        vertx.executeBlocking(expiry::sweep, false);
                        return new SftpDoor(vertx, started, answers, timer);
                      })
                  .onFailure(e -> answers.shutdownNow());
            });
  }

  public int port() {
    return server.port();
  }

  public Future<Void> stop() {
    vertx.cancelTimer(sweepTimer);
    // On a thread of its own, not through a Vert.x context: the caller may go on to close Vert.x
    // itself.
    return Future.fromCompletionStage(
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try {
                server.stop();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              } finally {
                answers.shutdownNow();
              }
            },
            r -> {
              Thread t = new Thread(r, "sinfonia-sftp-stop");
              t.setDaemon(true);
              t.start();
            }));
  }
}
