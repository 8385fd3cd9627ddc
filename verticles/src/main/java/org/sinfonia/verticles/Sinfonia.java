package org.sinfonia.verticles;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sinfonia.core.auth.LoginThrottlePolicy;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.core.ingest.IngestLimits;
import org.sinfonia.core.ingest.PrivacyStages;
import org.sinfonia.core.model.ModelLimits;
import org.sinfonia.core.privacy.SiteKey;
import org.sinfonia.core.privacy.SiteKeyFile;
import org.sinfonia.core.zip.ZipExtractor;
import org.sinfonia.core.zip.ZipLimits;
import org.sinfonia.verticles.bus.Codecs;
import org.sinfonia.verticles.dicom.DicomReindexer;
import org.sinfonia.verticles.dicom.DuplicatePolicy;
import org.sinfonia.verticles.dicom.MongoDicomIndex;
import org.sinfonia.verticles.extract.ExtractJob;
import org.sinfonia.verticles.health.BlobStoreHealth;
import org.sinfonia.verticles.health.LdapHealth;
import org.sinfonia.verticles.health.MongoHealth;
import org.sinfonia.verticles.http.FreePort;
import org.sinfonia.verticles.http.HttpServerVerticle;
import org.sinfonia.verticles.jobs.JobQueue;
import org.sinfonia.verticles.jobs.JobWorkers;
import org.sinfonia.verticles.jobs.MongoJobRepository;
import org.sinfonia.verticles.ldap.LdapAuthenticator;
import org.sinfonia.verticles.mongo.MongoAuditLog;
import org.sinfonia.verticles.mongo.MongoFailureLog;
import org.sinfonia.verticles.mongo.MongoIndexes;
import org.sinfonia.verticles.mongo.MongoModelRepository;
import org.sinfonia.verticles.mongo.MongoSessionStore;
import org.sinfonia.verticles.mongo.MongoSftpAccounts;
import org.sinfonia.verticles.mongo.MongoUserRepository;
import org.sinfonia.verticles.preview.HeaderCache;
import org.sinfonia.verticles.preview.PreviewCache;
import org.sinfonia.verticles.preview.PreviewIngestListener;
import org.sinfonia.verticles.preview.PreviewWorker;
import org.sinfonia.verticles.preview.Previews;
import org.sinfonia.verticles.sftp.SftpDoor;
import org.sinfonia.verticles.tree.AccessJob;
import org.sinfonia.verticles.tree.BlobSweeper;
import org.sinfonia.verticles.tree.MongoPrivacyStore;
import org.sinfonia.verticles.tree.MongoTreeRepository;
import org.sinfonia.verticles.tree.TreeRepair;
import org.sinfonia.verticles.tus.MongoUploadLocks;
import org.sinfonia.verticles.tus.TusNode;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.HttpApi;
import org.sinfonia.web.api.UserRoutes;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.audit.AuditRoutes;
import org.sinfonia.web.auth.ApiTokenRoutes;
import org.sinfonia.web.auth.AuthHandler;
import org.sinfonia.web.auth.AuthRoutes;
import org.sinfonia.web.auth.DirectoryRoutes;
import org.sinfonia.web.auth.LoginService;
import org.sinfonia.web.auth.SessionService;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.ingest.Registrar;
import org.sinfonia.web.jobs.JobRoutes;
import org.sinfonia.web.models.ModelAccess;
import org.sinfonia.web.models.ModelRoutes;
import org.sinfonia.web.models.ModelValidator;
import org.sinfonia.web.portal.PortalRoutes;
import org.sinfonia.web.portal.ViewerSite;
import org.sinfonia.web.preview.PreviewRoutes;
import org.sinfonia.web.privacy.FolderPrivacyPolicies;
import org.sinfonia.web.privacy.PrivacyRoutes;
import org.sinfonia.web.repo.AccessRoutes;
import org.sinfonia.web.repo.ArchiveRoutes;
import org.sinfonia.web.repo.DownloadRoutes;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.ResourceAccess;
import org.sinfonia.web.repo.ResourceRoutes;
import org.sinfonia.web.repo.SearchRoutes;
import org.sinfonia.web.repo.TreeRoutes;
import org.sinfonia.web.repo.UploadRoutes;
import org.sinfonia.web.sftp.ExportRoutes;
import org.sinfonia.web.sftp.SftpKeyRoutes;
import org.sinfonia.web.sftp.SftpMappingRoutes;
import org.sinfonia.web.system.HealthMonitor;
import org.sinfonia.web.system.SystemRoutes;
import org.sinfonia.web.system.ViewerRoutes;
import org.sinfonia.web.tus.TusRoutes;
import org.sinfonia.web.zip.ExtractAfterUpload;
import org.sinfonia.web.zip.ExtractRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Sinfonia node: opens the stores, wires the components (each gets only its configuration
 * section) and deploys the HTTP verticles. {@link #stop()} undoes it in reverse.
 */
public final class Sinfonia {

  private static final Logger LOG = LoggerFactory.getLogger(Sinfonia.class);
  static final String VERSION =
      Sinfonia.class.getPackage().getImplementationVersion() == null
          ? "dev"
          : Sinfonia.class.getPackage().getImplementationVersion();

  /**
   * How long what looks half done after an unclean stop must stay so before it is repaired (another
   * node's work).
   */
  private static final Duration REPAIR_SETTLE = Duration.ofSeconds(5);

  /**
   * New items looked at after an unclean stop: since this long before the run was last known alive.
   */
  private static final Duration REPAIR_LOOKBACK = Duration.ofMinutes(2);

  private static final Duration SESSION_SWEEP = Duration.ofMinutes(30);

  private final Vertx vertx;
  private final SinfoniaConfig config;
  private final Infrastructure infra;
  private final MongoClient mongo;
  private final WorkerPools workerPools;
  private final int port;
  private final List<Long> timers;
  private final SftpDoor sftp;
  private final HealthMonitor health;
  private final MongoUploadLocks uploadLocks;
  private final int managementPort;

  private Sinfonia(
      Vertx vertx,
      SinfoniaConfig config,
      Infrastructure infra,
      MongoClient mongo,
      WorkerPools workerPools,
      int port,
      List<Long> timers,
      SftpDoor sftp,
      HealthMonitor health,
      MongoUploadLocks uploadLocks,
      int managementPort) {
    this.managementPort = managementPort;
    this.health = health;
    this.uploadLocks = uploadLocks;
    this.vertx = vertx;
    this.config = config;
    this.infra = infra;
    this.mongo = mongo;
    this.workerPools = workerPools;
    this.port = port;
    this.timers = timers;
    this.sftp = sftp;
  }

  public static Future<Sinfonia> start(
      Vertx vertx, SinfoniaConfig config, PrometheusMeterRegistry registry) {
    return start(vertx, config, registry, Clock.systemUTC());
  }

  /**
   * As above, with the clock every expiry, idle and TTL rule reads (upload expiry, sessions,
   * leases, jobs), so a test can move time instead of sleeping. Timers (purge intervals,
   * heartbeats) still run on real time.
   */
  public static Future<Sinfonia> start(
      Vertx vertx, SinfoniaConfig config, PrometheusMeterRegistry registry, Clock clock) {
    Codecs.register(vertx);
    return vertx
        .executeBlocking(() -> Infrastructure.open(config))
        .compose(
            infra -> {
              MongoClient mongo =
                  MongoClient.create(
                      vertx,
                      new JsonObject()
                          .put("connection_string", infra.mongoUri)
                          .put("db_name", config.mongo().database()));
              WorkerPools pools = WorkerPools.create(vertx, config);
              return MongoIndexes.ensure(mongo)
                  .compose(v -> viewer(vertx, config))
                  .compose(
                      viewer ->
                          vertx
                              .executeBlocking(
                                  () -> SiteKeyFile.loadOrCreate(config.privacy().siteKeyFile()))
                              .compose(
                                  siteKey ->
                                      deploy(
                                          vertx, config, infra, mongo, pools, registry, clock,
                                          viewer, siteKey)))
                  .recover(
                      e -> {
                        pools.close();
                        return mongo
                            .close()
                            .eventually(
                                () ->
                                    vertx.executeBlocking(
                                        () -> {
                                          infra.close();
                                          return null;
                                        }))
                            .transform(x -> Future.failedFuture(e));
                      });
            });
  }

  private static Future<Sinfonia> deploy(
      Vertx vertx,
      SinfoniaConfig config,
      Infrastructure infra,
      MongoClient mongo,
      WorkerPools pools,
      PrometheusMeterRegistry registry,
      Clock clock,
      Optional<ViewerSite> viewer,
      SiteKey siteKey) {
    WorkerExecutor ldapWorkers = pools.ldap();
    WorkerExecutor ingestWorkers = pools.ingest();
    WorkerExecutor archiveWorkers = pools.archives();
    WorkerExecutor previewWorkers = pools.previews();
    SinfoniaConfig.Auth auth = config.auth();
    LdapAuthenticator directory = new LdapAuthenticator(infra.directory, ldapWorkers);
    MongoUserRepository users = new MongoUserRepository(mongo, clock);
    MongoSessionStore sessionStore = new MongoSessionStore(mongo, clock);
    SinfoniaConfig.Dicom dicom = config.dicom();
    MongoDicomIndex dicomIndex =
        new MongoDicomIndex(
            vertx, mongo, DuplicatePolicy.parse(dicom.duplicatePolicy()), dicom.maxMetadataBytes());
    MongoTreeRepository tree = new MongoTreeRepository(mongo, dicomIndex, clock);
    BlobSweeper blobSweeper =
        new BlobSweeper(vertx, mongo, infra.blobs, config.repository().blobGracePeriod(), clock);
    ResourceAccess access = new ResourceAccess(tree);
    Requires requires = new Requires(access);
    MongoAuditLog auditLog = new MongoAuditLog(mongo);
    Audit audit = new Audit(auditLog, clock, vertx);
    SinfoniaConfig.Repository repo = config.repository();
    FolderPrivacyPolicies privacyPolicies =
        new FolderPrivacyPolicies(
            tree, config.privacy().defaultPolicy(), FolderPrivacyPolicies.DEFAULT_TTL);
    DicomParserOptions parserOptions =
        DicomParserOptions.defaults().withBulkDataThreshold(dicom.bulkDataThreshold());
    Ingest ingest =
        new Ingest(
            ingestWorkers,
            infra.blobs,
            new IngestLimits(repo.maxFileBytes(), repo.syncEveryBytes()),
            () -> List.of(new DicomTap(parserOptions, dicom.maxHeaderBytes())));
    MongoJobRepository jobRepository = new MongoJobRepository(mongo, clock);
    JobQueue jobQueue = new JobQueue(vertx, jobRepository);
    SinfoniaConfig.Previews previewConfig = config.previews();
    HeaderCache headerCache =
        new HeaderCache(
            infra.blobs,
            previewWorkers,
            parserOptions,
            dicom.maxHeaderBytes(),
            previewConfig.headerCacheEntries());
    Previews previews =
        new Previews(
            previewWorkers,
            infra.blobs,
            headerCache,
            new PreviewCache(vertx, mongo, infra.previewBlobs, previewConfig.memoryCacheBytes()),
            mongo,
            previewConfig,
            ZipLimits.defaults());
    Registrar registrar =
        new Registrar(
            tree,
            List.of(
                dicomIndex,
                new PreviewIngestListener(
                    mongo,
                    jobQueue,
                    headerCache,
                    previewConfig.onIngest(),
                    previewConfig.ingestSizes())),
            registry);
    IngestService ingestService =
        new IngestService(
            ingest,
            TusNode.resumable(ingest, config.tus(), infra.blobs),
            registrar,
            tree,
            registry,
            audit,
            privacyPolicies,
            new PrivacyStages(siteKey, parserOptions, dicom.maxHeaderBytes()));
    TusNode tus = TusNode.create(vertx, mongo, ingestService.resumable(), config, clock);
    SinfoniaConfig.Workers workers = config.workers();
    SinfoniaConfig.Zip zip = config.zip();
    ExtractAfterUpload extractAfterUpload = new ExtractAfterUpload(jobQueue);
    ExtractJob extractJob =
        new ExtractJob(
            users,
            access,
            new ExtractJob.Parts(tree, ingestService, infra.blobs, ingestWorkers),
            new ZipExtractor(zip.limits()));
    LoginService logins =
        new LoginService(
            directory,
            new MongoFailureLog(mongo),
            users,
            login -> tree.homeFolder(login).map(Resource::id),
            new LoginThrottlePolicy(
                auth.throttleMaxFailures(), auth.throttleWindow(), auth.throttleLockout()),
            new LoginThrottlePolicy(
                auth.throttleMaxFailuresPerAddress(),
                auth.throttleWindow(),
                auth.throttleLockout()),
            clock);
    SessionService sessions =
        new SessionService(
            sessionStore, auth.tokenTtl(), auth.idleTimeout(), auth.tokenCacheTtl(), clock);
    AuthHandler authHandler = new AuthHandler(sessions, logins, auth.basicCacheTtl());
    HealthMonitor health =
        new HealthMonitor(
            vertx,
            List.of(
                new MongoHealth(mongo, infra.embeddedMongo()),
                new LdapHealth(directory, infra.embeddedLdap()),
                new BlobStoreHealth(vertx, infra.blobs, config.dataDir())),
            config.http().healthInterval(),
            Duration.ofSeconds(3),
            clock);
    SystemRoutes system =
        new SystemRoutes(health, registry, VERSION, config.management().enabled());
    MongoSftpAccounts sftpAccounts = new MongoSftpAccounts(mongo);
    SftpDoor.Parts sftpParts =
        new SftpDoor.Parts(
            new SftpDoor.Logins(logins, users, sftpAccounts, audit),
            new SftpDoor.Files(tree, access, ingestService, infra.blobs),
            new SftpDoor.Jobs(jobRepository, jobQueue, extractAfterUpload),
            clock);
    DicomWebWiring.Parts dicomParts =
        DicomWebWiring.routes(
            vertx,
            config,
            new DicomWebWiring.Index(mongo, ingestWorkers, infra.blobs, parserOptions),
            new DicomWebWiring.Filing(tree, requires, ingestService),
            previews);
    SinfoniaConfig.Models modelConfig = config.models();
    MongoModelRepository models = new MongoModelRepository(mongo, clock);
    ModelValidator modelValidator =
        new ModelValidator(
            models,
            infra.blobs,
            pools.modelValidations(),
            pools.smokeRuns(),
            ModelLimits.defaults()
                .withMaxBytes(modelConfig.maxModelBytes())
                .withSmokeTimeout(modelConfig.smokeTimeout())
                .withMemoryCap(modelConfig.smokeMemoryBytes()));
    List<Consumer<ApiRouter>> families =
        List.of(
            dicomParts.instanceFiles()::register,
            // The portal shows its "open in OHIF" button only when this names a viewer.
            new ViewerRoutes(viewer.map(v -> ViewerSite.PATH), ViewerSite.links())::register,
            new SftpKeyRoutes(sftpAccounts, clock)::register,
            new SftpMappingRoutes(sftpAccounts, requires)::register,
            new ExportRoutes(requires, jobQueue)::register,
            new AuthRoutes(logins, sessions, audit)::register,
            new ApiTokenRoutes(sessions, audit, auth.apiTokenMaxDays())::register,
            new DirectoryRoutes(users, auth.directoryLimit())::register,
            new UserRoutes(users)::register,
            new TreeRoutes(tree, requires, repo.usersMayCreateCollections())::register,
            new ResourceRoutes(tree, requires, audit)::register,
            new AccessRoutes(tree, requires, audit, jobQueue, repo.accessJobThreshold())::register,
            new PrivacyRoutes(requires, new MongoPrivacyStore(mongo, clock), privacyPolicies, audit)
                ::register,
            new JobRoutes(jobRepository)::register,
            new UploadRoutes(requires, ingestService, extractAfterUpload)::register,
            new ExtractRoutes(requires, jobQueue)::register,
            new DownloadRoutes(requires, infra.blobs, audit)::register,
            new PreviewRoutes(requires, previews, audit)::register,
            new ArchiveRoutes(
                    tree, requires, infra.blobs, archiveWorkers, audit, zip.writerDeflateLevel())
                ::register,
            new SearchRoutes(tree)::register,
            new TusRoutes(
                    tus.store(),
                    tus.locks(),
                    requires,
                    tree,
                    ingestService,
                    tus.endpoint(),
                    extractAfterUpload,
                    clock)
                ::register,
            new AuditRoutes(auditLog)::register,
            new ModelRoutes(
                    models,
                    new ModelAccess(modelConfig.reviewersGroup()),
                    requires,
                    modelValidator,
                    audit,
                    clock)
                ::register);
    List<Consumer<ApiRouter>> dicomWeb = List.of(dicomParts.dicomWeb()::register);

    SinfoniaConfig.Http http = config.http();
    int instances =
        http.instances() > 0 ? http.instances() : Runtime.getRuntime().availableProcessors();
    AtomicInteger boundPort = new AtomicInteger(http.port());
    AtomicInteger managementPort = new AtomicInteger(-1);
    Function<Vertx, Router> routes =
        v ->
            HttpApi.router(
                v,
                http.corsOrigins(),
                authHandler,
                system,
                families,
                dicomWeb,
                r -> {
                  viewer.ifPresent(site -> site.register(r));
                  new PortalRoutes(v).register(r);
                });
    // Port 0 ("any free port", for tests and side-by-side runs): every instance must share one
    // port, so it
    // is chosen up front; Vert.x would give each instance of a port-0 server a port of its own.
    int port = http.port() != 0 || instances == 1 ? http.port() : FreePort.on(http.host());
    return JobWorkers.deploy(
            vertx,
            jobRepository,
            new AccessJob(tree),
            workers.accessJobThreads(),
            workers.jobLease(),
            workers.jobMaxAttempts())
        .compose(
            x ->
                JobWorkers.deploy(
                    vertx,
                    jobRepository,
                    extractJob,
                    zip.extractThreads(),
                    workers.jobLease(),
                    workers.jobMaxAttempts()))
        .compose(
            x ->
                JobWorkers.deploy(
                    vertx,
                    jobRepository,
                    new PreviewWorker(tree, previews),
                    previewConfig.jobThreads(),
                    workers.jobLease(),
                    workers.jobMaxAttempts()))
        .compose(
            x ->
                vertx.deployVerticle(
                    () -> verticle(http, port, boundPort, routes),
                    new DeploymentOptions().setInstances(instances)))
        .compose(id -> deployManagement(vertx, config.management(), system, managementPort))
        .compose(id -> vertx.deployVerticle(tus.expiry()))
        .compose(
            id ->
                config.sftp().enabled()
                    ? SftpDoor.start(vertx, config, sftpParts)
                    : Future.<SftpDoor>succeededFuture(null))
        .compose(door -> jobQueue.requeue().map(door))
        .compose(door -> blobSweeper.recover().map(door))
        .compose(
            door -> {
              // Validations a stop cut short run again, in the background.
              modelValidator
                  .resume()
                  .onFailure(
                      e -> LOG.warn("resuming model validations failed: {}", e.getMessage()));
              return Future.succeededFuture(door);
            })
        .map(
            door -> {
              infra.uncleanStop.ifPresent(
                  lastAlive -> {
                    // In the background: the node serves meanwhile; the index only gains what it
                    // lacked, and the tree loses
                    // only items that never got their file (registrations a crash cut short, never
                    // answered).
                    Future<Integer> index =
                        new DicomReindexer(
                                vertx,
                                mongo,
                                dicomIndex,
                                infra.blobs,
                                ingestWorkers,
                                parserOptions,
                                dicom.maxHeaderBytes(),
                                REPAIR_SETTLE)
                            .run()
                            .onFailure(
                                e ->
                                    LOG.warn(
                                        "checking the DICOM index after an unclean stop failed: {}",
                                        e.getMessage()));
                    Future<Integer> items =
                        new TreeRepair(vertx, mongo, REPAIR_SETTLE)
                            .run(lastAlive.minus(REPAIR_LOOKBACK))
                            .onFailure(
                                e ->
                                    LOG.warn(
                                        "checking new items after an unclean stop failed: {}",
                                        e.getMessage()));
                    Future.all(index, items)
                        .onSuccess(
                            x ->
                                vertx.executeBlocking(
                                    () -> {
                                      infra.repaired();
                                      return null;
                                    },
                                    false));
                  });
              long requeue =
                  vertx.setPeriodic(
                      workers.jobRequeueEvery().toMillis(),
                      t ->
                          jobQueue
                              .requeue()
                              .onFailure(e -> LOG.warn("job requeue failed: {}", e.getMessage())));
              long sweep =
                  vertx.setPeriodic(
                      SESSION_SWEEP.toMillis(),
                      t ->
                          sessionStore
                              .purgeExpired()
                              .onFailure(
                                  e -> LOG.warn("session sweep failed: {}", e.getMessage())));
              long blobSweep =
                  vertx.setPeriodic(
                      BlobSweeper.interval(repo.blobGracePeriod()).toMillis(),
                      t ->
                          blobSweeper
                              .sweep()
                              .onFailure(e -> LOG.warn("blob sweep failed: {}", e.getMessage())));
              long heartbeat =
                  vertx.setPeriodic(
                      RunMarker.HEARTBEAT.toMillis(),
                      t ->
                          vertx.executeBlocking(
                              () -> {
                                infra.alive();
                                return null;
                              },
                              false));
              return new Sinfonia(
                  vertx,
                  config,
                  infra,
                  mongo,
                  pools,
                  boundPort.get(),
                  List.of(sweep, requeue, blobSweep, heartbeat),
                  door,
                  health.start(),
                  tus.locks(),
                  managementPort.get());
            });
  }

  /** The monitoring listener, when configured: one instance is plenty for a scraper. */
  /**
   * The OHIF viewer of {@code viewer.dir} (by default the {@code viewer} directory beside the jar,
   * or beside {@code target/classes} in a build tree), or empty when disabled or not built.
   */
  private static Future<Optional<ViewerSite>> viewer(Vertx vertx, SinfoniaConfig config) {
    SinfoniaConfig.Viewer viewer = config.viewer();
    if (!viewer.enabled()) {
      return Future.succeededFuture(Optional.empty());
    }
    Path dir;
    if (!viewer.dir().isBlank()) {
      dir = Path.of(viewer.dir());
    } else {
      try {
        Path code =
            Path.of(Sinfonia.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        dir = code.getParent().resolve("viewer");
      } catch (Exception | Error e) {
        LOG.info("no OHIF viewer: cannot tell where the jar is ({})", e.toString());
        return Future.succeededFuture(Optional.empty());
      }
    }
    return ViewerSite.load(vertx, dir, config.http().publicUrl())
        .onSuccess(
            site -> {
              if (site.isPresent()) {
                LOG.info("OHIF viewer at {} from {}", ViewerSite.PATH, dir.toAbsolutePath());
              } else {
                LOG.info(
                    "no OHIF viewer: {} has no index.html (build without -Dviewer.skip=true)",
                    dir.toAbsolutePath());
              }
            });
  }

  private static Future<String> deployManagement(
      Vertx vertx,
      SinfoniaConfig.Management management,
      SystemRoutes system,
      AtomicInteger boundPort) {
    if (!management.enabled()) {
      return Future.succeededFuture("");
    }
    HttpServerOptions options =
        new HttpServerOptions().setHost(management.host()).setPort(management.port());
    return vertx.deployVerticle(
        new HttpServerVerticle(
            options, system::managementRouter, Duration.ofSeconds(5), boundPort::set));
  }

  private static HttpServerVerticle verticle(
      SinfoniaConfig.Http http, int port, AtomicInteger boundPort, Function<Vertx, Router> routes) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(http.host())
            .setPort(port)
            .setMaxChunkSize(http.maxChunkSize())
            .setDecompressionSupported(false)
            .setCompressionSupported(false)
            // No cleartext HTTP/2 upgrade: clients that offer it (the JDK's HttpClient does by
            // default) then get
            // plain HTTP/1.1, on which zero-copy file sends and streamed zips are well trodden.
            .setHttp2ClearTextEnabled(false);
    return new HttpServerVerticle(
        options,
        routes,
        Duration.ofSeconds(30),
        bound -> {
          if (boundPort.get() != 0 && boundPort.get() != bound) {
            throw new IllegalStateException(
                "HTTP instances bound different ports: " + boundPort.get() + ", " + bound);
          }
          boundPort.set(bound);
        });
  }

  public int httpPort() {
    return port;
  }

  /** The management port (the one picked when configured as 0); -1 when there is none. */
  public int managementPort() {
    return managementPort;
  }

  /** The SFTP port (the one picked when configured as 0); -1 when SFTP is disabled. */
  public int sftpPort() {
    return sftp == null ? -1 : sftp.port();
  }

  /**
   * The directory this node authenticates against (the embedded one's loopback URL when none is
   * configured).
   */
  public String directoryUrl() {
    return infra.ldapUrl;
  }

  /** The MongoDB this node uses (the embedded server's loopback URI when none is configured). */
  public String mongoUri() {
    return infra.mongoUri;
  }

  public String url() {
    return "http://" + config.http().host() + ":" + port;
  }

  /**
   * Graceful stop: the SFTP server and HTTP verticles first (in-flight requests finish), then the
   * stores.
   */
  public Future<Void> stop() {
    timers.forEach(vertx::cancelTimer);
    health.stop();
    Future<Void> sftpStopped = sftp == null ? Future.succeededFuture() : sftp.stop();
    return sftpStopped
        .transform(s -> Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
        .transform(x -> uploadLocks.releaseParked())
        .transform(x -> mongo.close())
        .transform(
            x -> {
              workerPools.close();
              return vertx.executeBlocking(
                  () -> {
                    infra.close();
                    return null;
                  });
            })
        .mapEmpty();
  }
}
