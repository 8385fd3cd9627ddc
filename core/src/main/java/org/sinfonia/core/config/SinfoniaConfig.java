package org.sinfonia.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.privacy.PrivacyPolicyException;
import org.sinfonia.core.zip.ZipLimits;

/**
 * The whole configuration, typed. Built once by the launcher from {@code conf/sinfonia.yaml}, an
 * optional sizing profile and {@code SINFONIA_*} environment overrides; each component receives
 * only its section. Defaults here are the embedded, laptop-sized ones; the YAML files document
 * every key.
 */
public record SinfoniaConfig(
    Path dataDir,
    Http http,
    Mongo mongo,
    Ldap ldap,
    Auth auth,
    Sftp sftp,
    Workers workers,
    Repository repository,
    Dicom dicom,
    Tus tus,
    Zip zip,
    Previews previews,
    DicomWeb dicomweb,
    Management management,
    Viewer viewer,
    Privacy privacy,
    Models models) {

  /**
   * Submitted AI models (docs/models.md): who reviews them ({@code reviewersGroup}, besides site
   * administrators; empty: administrators only), the largest ONNX file accepted, the smoke run's
   * time and resident-memory limits, and how many validations run at once ({@code
   * validationThreads}, each with a smoke-run thread of its own).
   */
  public record Models(
      String reviewersGroup,
      long maxModelBytes,
      Duration smokeTimeout,
      long smokeMemoryBytes,
      int validationThreads) {}

  /**
   * The ingest privacy policy where no folder or collection sets one ({@code privacy.defaultPolicy}
   * and {@code privacy.defaultOptions}), and the file of the site key that pseudonyms and UID
   * mappings are keyed with (empty: {@code dataDir/privacy/site.key}, made at first start; every
   * node and every site that must map alike shares it).
   */
  public record Privacy(PrivacyPolicy defaultPolicy, Path siteKeyFile) {}

  /**
   * The OHIF viewer served at {@code /viewer/} from {@code dir} (empty: the {@code viewer}
   * directory beside the jar, where the build copies it). Enabled, it is served when the directory
   * holds it; disabled, never.
   */
  public record Viewer(boolean enabled, String dir) {}

  /** HTTP edge. {@code instances} event-loop verticles share the port; 0 means one per core. */
  public record Http(
      String host,
      int port,
      int instances,
      int maxChunkSize,
      List<String> corsOrigins,
      String publicUrl,
      Duration healthInterval) {}

  /**
   * A second HTTP listener for monitoring: {@code /metrics} and {@code /health} without
   * authentication. With {@code port} -1 there is none, and {@code /metrics} on the main port
   * answers site administrators only; with a port (0 = any free one) {@code /metrics} is served
   * there alone.
   */
  public record Management(String host, int port) {
    public boolean enabled() {
      return port >= 0;
    }
  }

  /**
   * Empty {@code uri}: start the in-process wire-protocol server on {@code embeddedPort} (0 = any
   * free port), with {@code embeddedCacheSize} bytes of decoded pages kept in memory.
   */
  public record Mongo(String uri, String database, int embeddedPort, long embeddedCacheSize) {
    public boolean embedded() {
      return uri.isBlank();
    }
  }

  /**
   * Directory access. Empty {@code url}: start the in-process LDAP server seeded from {@code
   * seedLdif}. {@code userDnTemplate} contains {@code {login}}; {@code groupFilter} contains {@code
   * {dn}} and/or {@code {login}}. {@code bindDn} empty means group searches run anonymously.
   */
  public record Ldap(
      String url,
      int embeddedPort,
      String seedLdif,
      String baseDn,
      String userDnTemplate,
      String groupBaseDn,
      String groupFilter,
      String groupNameAttribute,
      String adminGroup,
      String bindDn,
      String bindPassword,
      int poolSize,
      Duration connectTimeout,
      Duration responseTimeout) {
    public boolean embedded() {
      return url.isBlank();
    }
  }

  /**
   * Sessions and login throttling. A browser session (cookie) ends after {@code idleTimeout}
   * without a request; personal API tokens live at most {@code apiTokenMaxDays}; name completion
   * answers at most {@code directoryLimit} names.
   */
  public record Auth(
      Duration tokenTtl,
      Duration tokenCacheTtl,
      Duration basicCacheTtl,
      int throttleMaxFailures,
      int throttleMaxFailuresPerAddress,
      Duration throttleWindow,
      Duration throttleLockout,
      Duration idleTimeout,
      int apiTokenMaxDays,
      int directoryLimit) {}

  /**
   * The SFTP door. {@code rootDir} holds one jail per user ({@code users/<login>/inbox|outbox}) and
   * must share a file system with the blob store for exports to be hard links; {@code quotaBytes}
   * bounds what a user keeps in their area (the outbox, filled by exports, is not counted); {@code
   * inboxPolicy} says what happens to an ingested file ({@code done}: moved to {@code
   * /inbox/.done/}, {@code delete}); outbox exports expire after {@code outboxExpiry}. {@code port}
   * 0 picks a free port (tests).
   */
  public record Sftp(
      boolean enabled,
      String host,
      int port,
      Path rootDir,
      long quotaBytes,
      String inboxPolicy,
      Duration outboxExpiry,
      Duration outboxSweepEvery,
      Duration authTimeout,
      Duration idleTimeout,
      int maxSessions,
      int ingestThreads,
      int exportThreads) {
    public boolean deleteIngested() {
      return inboxPolicy.equals("delete");
    }
  }

  /** Thread sizing: {@code eventLoops} 0 means 2 x cores; pools are per kind of work. */
  public record Workers(
      int eventLoops,
      int blockingPoolSize,
      int ldapPoolSize,
      int ingestPoolSize,
      int archivePoolSize,
      int accessJobThreads,
      Duration jobLease,
      int jobMaxAttempts,
      Duration jobRequeueEvery) {}

  /**
   * The repository: who may create collections, the largest file any door accepts, and how often a
   * file streaming in is synced to disk (so the final sync has little left to do).
   */
  /**
   * The repository. {@code blobStore} says what holds file bytes: {@code fs} (the data directory,
   * the default) or {@code memory} (bounded by {@code memoryBlobStoreBytes}; nothing survives a
   * restart: tests, demos).
   */
  public record Repository(
      boolean usersMayCreateCollections,
      long maxFileBytes,
      long syncEveryBytes,
      int accessJobThreshold,
      Duration blobGracePeriod,
      String blobStore,
      long memoryBlobStoreBytes) {
    public Repository {
      if (!blobStore.equals("fs") && !blobStore.equals("memory")) {
        throw new ConfigException(
            "repository.blobStore", "must be 'fs' or 'memory', was '" + blobStore + "'");
      }
    }
  }

  /**
   * DICOM handling: what re-ingesting a known SOP Instance UID does ({@code keep-first}, {@code
   * overwrite}, {@code keep-both}), values above {@code bulkDataThreshold} are located but not
   * read, a header whose kept values exceed {@code maxHeaderBytes} is not indexed, and WADO-RS
   * metadata above {@code maxMetadataBytes} is not kept in the index (it is read from the file when
   * asked).
   */
  public record Dicom(
      String duplicatePolicy, int bulkDataThreshold, long maxHeaderBytes, long maxMetadataBytes) {}

  /**
   * Resumable uploads (tus). {@code uploadDir} holds partial uploads and must share a file system
   * with the blob store (finished uploads are renamed into it, never copied). A PATCH holds its
   * upload's lock for {@code lease} at a time, renewing it while it runs; another request waits up
   * to {@code lockWait} for it, asking the holder to let go, so {@code lockWait} longer than {@code
   * lease} means even the lock of a crashed node is always won by one wait.
   */
  public record Tus(
      long maxSize,
      Duration expiry,
      Duration lockWait,
      Duration lease,
      Duration lockHandover,
      Duration purgeInterval,
      Path uploadDir) {}

  /**
   * Zip archives: the guards of every extraction (each one a {@link ZipLimits} field; see {@code
   * core/ZIP.md}), the deflate level of zip downloads (0 = stored blocks, CPU-free), and how many
   * extraction jobs one node runs at once (each on a thread of its own).
   */
  public record Zip(
      long maxTotalBytes,
      int maxRatio,
      long ratioGraceBytes,
      int maxEntries,
      int maxDepth,
      int maxSegmentBytes,
      int maxReportedProblems,
      int streamBufferBytes,
      int writerDeflateLevel,
      int extractThreads) {

    public ZipLimits limits() {
      return new ZipLimits(
          maxTotalBytes,
          maxRatio,
          ratioGraceBytes,
          maxEntries,
          maxDepth,
          maxSegmentBytes,
          maxReportedProblems,
          streamBufferBytes);
    }
  }

  /**
   * The previewer. {@code poolSize} threads render on demand (API requests), {@code jobThreads}
   * render at ingest (one thumbnail per new series and per image file, when {@code onIngest});
   * {@code memoryCacheBytes} of PNGs are kept in memory (all of them also persist in a blob store
   * of their own, {@code storeDir}); headers of {@code headerCacheEntries} files are kept parsed; a
   * full-size rendering of more than {@code maxFullPixels} pixels is refused with a placeholder,
   * and images (PNG, JPEG, ...) larger than {@code maxImagePixels} are decoded subsampled.
   */
  public record Previews(
      int poolSize,
      int jobThreads,
      boolean onIngest,
      List<String> ingestSizes,
      long memoryCacheBytes,
      int headerCacheEntries,
      long maxFullPixels,
      long maxImagePixels,
      Path storeDir) {}

  /**
   * DICOMweb: the most results one QIDO-RS response holds ({@code limit} is capped there), where
   * STOW-RS at {@code /dicom-web} stores ("home": the caller's home folder, or a folder id), how
   * many bytes of WADO-RS metadata responses are cached, how many parts of one STOW-RS request may
   * be stored at once, and how many stored parts are registered together at most.
   */
  public record DicomWeb(
      int qidoMaxLimit,
      String stowFolder,
      long metadataCacheBytes,
      int stowPartsInFlight,
      int stowBatchSize) {}

  public static SinfoniaConfig from(Map<String, Object> yaml) {
    ConfigTree root = ConfigTree.root(yaml);
    ConfigTree http = root.section("http");
    ConfigTree mongo = root.section("mongo");
    ConfigTree ldap = root.section("ldap");
    ConfigTree auth = root.section("auth");
    ConfigTree sftp = root.section("sftp");
    ConfigTree workers = root.section("workers");
    ConfigTree repository = root.section("repository");
    ConfigTree dicom = root.section("dicom");
    ConfigTree zip = root.section("zip");
    ConfigTree tus = root.section("tus");
    ConfigTree previews = root.section("previews");
    ConfigTree dicomweb = root.section("dicomweb");
    String host = http.string("host", "127.0.0.1");
    String dataDir = root.string("dataDir", "./data");
    if (dataDir.isBlank()) {
      throw new ConfigException("dataDir", "must not be empty");
    }
    Path data = Path.of(dataDir).toAbsolutePath().normalize();
    String uploadDir = tus.string("uploadDir", "");
    return new SinfoniaConfig(
        data,
        new Http(
            host,
            http.integer("port", 8080, 0, 65535),
            http.integer("instances", 0, 0, 256),
            (int) Math.min(http.size("maxChunkSize", 64 * 1024), 16 << 20),
            http.strings("corsOrigins"),
            http.string("publicUrl", ""),
            positive(http, "healthInterval", Duration.ofSeconds(1))),
        new Mongo(
            mongo.string("uri", ""),
            mongo.string("database", "sinfonia"),
            mongo.integer("embeddedPort", 0, 0, 65535),
            mongo.size("embeddedCacheSize", 128L << 20)),
        new Ldap(
            ldap.string("url", ""),
            ldap.integer("embeddedPort", 0, 0, 65535),
            ldap.string("seedLdif", "ldap/demo.ldif"),
            ldap.string("baseDn", "dc=sinfonia,dc=local"),
            requireContains(
                ldap, "userDnTemplate", "uid={login},ou=people,dc=sinfonia,dc=local", "{login}"),
            ldap.string("groupBaseDn", "ou=groups,dc=sinfonia,dc=local"),
            ldap.string("groupFilter", "(&(objectClass=groupOfNames)(member={dn}))"),
            ldap.string("groupNameAttribute", "cn"),
            ldap.string("adminGroup", "admins"),
            ldap.string("bindDn", ""),
            ldap.string("bindPassword", ""),
            ldap.integer("poolSize", 4, 1, 256),
            ldap.duration("connectTimeout", Duration.ofSeconds(5)),
            ldap.duration("responseTimeout", Duration.ofSeconds(10))),
        new Auth(
            auth.duration("tokenTtl", Duration.ofHours(12)),
            auth.duration("tokenCacheTtl", Duration.ofSeconds(60)),
            auth.duration("basicCacheTtl", Duration.ofMinutes(5)),
            auth.integer("throttleMaxFailures", 5, 1, 10_000),
            auth.integer("throttleMaxFailuresPerAddress", 50, 1, 1_000_000),
            auth.duration("throttleWindow", Duration.ofMinutes(5)),
            auth.duration("throttleLockout", Duration.ofMinutes(5)),
            auth.duration("idleTimeout", Duration.ofMinutes(30)),
            auth.integer("apiTokenMaxDays", 365, 1, 3650),
            auth.integer("directoryLimit", 20, 1, 200)),
        sftp(sftp, host, Path.of(dataDir).toAbsolutePath().normalize()),
        new Workers(
            workers.integer("eventLoops", 0, 0, 1024),
            workers.integer("blockingPoolSize", 20, 1, 1024),
            workers.integer("ldapPoolSize", 4, 1, 256),
            workers.integer("ingestPoolSize", 8, 1, 1024),
            workers.integer("archivePoolSize", 4, 1, 256),
            workers.integer("accessJobThreads", 1, 1, 64),
            workers.duration("jobLease", Duration.ofMinutes(2)),
            workers.integer("jobMaxAttempts", 3, 1, 100),
            workers.duration("jobRequeueEvery", Duration.ofMinutes(1))),
        new Repository(
            repository.bool("usersMayCreateCollections", false),
            repository.size("maxFileSize", 1L << 40),
            repository.size("syncEvery", 64L << 20),
            repository.integer("accessJobThreshold", 500, 0, Integer.MAX_VALUE),
            repository.duration("blobGracePeriod", Duration.ofHours(1)),
            repository.string("blobStore", "fs"),
            repository.size("memoryBlobStoreBytes", 1L << 30)),
        new Dicom(
            dicom.string("duplicatePolicy", "keep-first"),
            (int) Math.min(dicom.size("bulkDataThreshold", 64 << 10), 1 << 30),
            dicom.size("maxHeaderBytes", 32L << 20),
            dicom.size("maxMetadataBytes", 8L << 20)),
        new Tus(
            tus.size("maxSize", 1L << 40),
            positive(tus, "expiry", Duration.ofHours(24)),
            positive(tus, "lockWait", Duration.ofSeconds(15)),
            positive(tus, "lease", Duration.ofSeconds(10)),
            tus.duration("lockHandover", Duration.ofSeconds(2)),
            positive(tus, "purgeInterval", Duration.ofMinutes(10)),
            uploadDir.isBlank()
                ? data.resolve("store").resolve("uploads")
                : data.resolve(uploadDir).normalize()),
        zip(zip),
        previews(previews, data),
        new DicomWeb(
            dicomweb.integer("qidoMaxLimit", 1000, 1, 1_000_000),
            dicomweb.string("stowFolder", "home"),
            dicomweb.size("metadataCacheSize", 128L << 20),
            dicomweb.integer("stowPartsInFlight", 16, 1, 256),
            dicomweb.integer("stowBatchSize", 32, 1, 1024)),
        new Management(
            root.section("management").string("host", "127.0.0.1"),
            root.section("management").integer("port", -1, -1, 65535)),
        new Viewer(
            root.section("viewer").bool("enabled", true), root.section("viewer").string("dir", "")),
        privacy(root.section("privacy"), data),
        models(root.section("models")));
  }

  private static Models models(ConfigTree models) {
    long maxBytes = models.size("maxModelBytes", 512L << 20);
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new ConfigException("models.maxModelBytes", "must be from 1 byte to 2 GiB");
    }
    Duration smoke = models.duration("smokeTimeout", Duration.ofSeconds(60));
    if (smoke.isZero() || smoke.isNegative()) {
      throw new ConfigException("models.smokeTimeout", "must be positive");
    }
    long memory = models.size("smokeMemoryBytes", 2L << 30);
    if (memory <= 0) {
      throw new ConfigException("models.smokeMemoryBytes", "must be positive");
    }
    return new Models(
        models.string("reviewersGroup", ""),
        maxBytes,
        smoke,
        memory,
        models.integer("validationThreads", 1, 1, 16));
  }

  private static Privacy privacy(ConfigTree privacy, Path data) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("policy", privacy.string("defaultPolicy", "accept"));
    Map<String, Object> options = privacy.section("defaultOptions").asMap();
    if (!options.isEmpty()) {
      doc.put("options", options);
    }
    PrivacyPolicy policy;
    try {
      policy = PrivacyPolicy.fromMap(doc);
    } catch (PrivacyPolicyException e) {
      throw new ConfigException("privacy.defaultPolicy", e.getMessage());
    }
    String keyFile = privacy.string("siteKeyFile", "");
    return new Privacy(
        policy,
        keyFile.isBlank()
            ? data.resolve("privacy").resolve("site.key")
            : data.resolve(keyFile).normalize());
  }

  private static Duration positive(ConfigTree tree, String name, Duration fallback) {
    Duration d = tree.duration(name, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException("tus." + name, "must be positive");
    }
    return d;
  }

  private static Zip zip(ConfigTree zip) {
    ZipLimits d = ZipLimits.defaults();
    return new Zip(
        positiveSize(zip, "maxTotalBytes", d.maxTotalBytes()),
        zip.integer("maxRatio", d.maxRatio(), 1, 1_000_000),
        atLeastZero(zip, "ratioGraceBytes", d.ratioGraceBytes()),
        // ~500 bytes of memory per entry while an archive is open (Commons Compress keeps one
        // object per entry).
        zip.integer("maxEntries", d.maxEntries(), 1, 10_000_000),
        zip.integer("maxDepth", d.maxDepth(), 1, 1024),
        // A path segment becomes a folder or item name, which is at most 255 UTF-8 bytes.
        zip.integer("maxSegmentBytes", d.maxSegmentBytes(), 1, 255),
        zip.integer("maxReportedProblems", d.maxReportedProblems(), 0, 100_000),
        (int) Math.min(atLeastZero(zip, "streamBufferBytes", d.streamBufferBytes()), 64L << 20),
        zip.integer("writerDeflateLevel", 0, 0, 9),
        zip.integer("extractThreads", 2, 1, 64));
  }

  private static long positiveSize(ConfigTree tree, String name, long fallback) {
    long v = tree.size(name, fallback);
    if (v <= 0) {
      throw new ConfigException("zip." + name, "must be positive, was " + v);
    }
    return v;
  }

  private static long atLeastZero(ConfigTree tree, String name, long fallback) {
    long v = tree.size(name, fallback);
    if (v < 0) {
      throw new ConfigException("zip." + name, "must not be negative, was " + v);
    }
    return v;
  }

  private static Previews previews(ConfigTree p, Path dataDir) {
    List<String> sizes =
        p.strings("ingestSizes").isEmpty() ? List.of("128") : p.strings("ingestSizes");
    for (String s : sizes) {
      if (!List.of("128", "512", "full").contains(s)) {
        throw new ConfigException(
            "previews.ingestSizes", "sizes are 128, 512 or full, was '" + s + "'");
      }
    }
    String store = p.string("storeDir", "");
    return new Previews(
        p.integer("poolSize", 2, 1, 256),
        p.integer("jobThreads", 1, 1, 64),
        p.bool("onIngest", true),
        List.copyOf(sizes),
        p.size("memoryCacheSize", 64L << 20),
        p.integer("headerCacheEntries", 2000, 0, 10_000_000),
        p.longValue("maxFullPixels", 16L << 20, 1),
        p.longValue("maxImagePixels", 64L << 20, 1),
        store.isBlank()
            ? dataDir.resolve("previews")
            : Path.of(store).toAbsolutePath().normalize());
  }

  private static Sftp sftp(ConfigTree sftp, String httpHost, Path dataDir) {
    String root = sftp.string("rootDir", "");
    String policy = sftp.string("inboxPolicy", "done").trim().toLowerCase();
    if (!policy.equals("done") && !policy.equals("delete")) {
      throw new ConfigException("sftp.inboxPolicy", "must be done or delete, was '" + policy + "'");
    }
    return new Sftp(
        sftp.bool("enabled", true),
        sftp.string("host", httpHost),
        sftp.integer("port", 2222, 0, 65535),
        root.isBlank() ? dataDir.resolve("sftp") : Path.of(root).toAbsolutePath().normalize(),
        sftp.size("quota", 50L << 30),
        policy,
        sftp.duration("outboxExpiry", Duration.ofDays(7)),
        sftp.duration("outboxSweepEvery", Duration.ofMinutes(10)),
        sftp.duration("authTimeout", Duration.ofSeconds(30)),
        sftp.duration("idleTimeout", Duration.ofMinutes(30)),
        sftp.integer("maxSessions", 100, 1, 100_000),
        sftp.integer("ingestThreads", 2, 1, 64),
        sftp.integer("exportThreads", 1, 1, 64));
  }

  private static String requireContains(
      ConfigTree tree, String name, String fallback, String placeholder) {
    String v = tree.string(name, fallback);
    if (!v.contains(placeholder)) {
      throw new ConfigException("ldap." + name, "must contain " + placeholder);
    }
    return v;
  }
}
