package org.sinfonia.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, typed. Built once by the launcher from {@code conf/sinfonia.yaml}, an optional
 * sizing profile and {@code SINFONIA_*} environment overrides; each component receives only its section.
 * Defaults here are the embedded, laptop-sized ones; the YAML files document every key.
 */
public record SinfoniaConfig(Path dataDir, Http http, Mongo mongo, Ldap ldap, Auth auth, Sftp sftp, Workers workers,
                             Repository repository, Dicom dicom, DicomWeb dicomweb) {

  /** HTTP edge. {@code instances} event-loop verticles share the port; 0 means one per core. */
  public record Http(String host, int port, int instances, int maxChunkSize, List<String> corsOrigins,
                     String publicUrl) {
  }

  /** Empty {@code uri}: start the in-process wire-protocol server on {@code embeddedPort} (0 = any free port). */
  public record Mongo(String uri, String database, int embeddedPort) {
    public boolean embedded() {
      return uri.isBlank();
    }
  }

  /**
   * Directory access. Empty {@code url}: start the in-process LDAP server seeded from {@code seedLdif}.
   * {@code userDnTemplate} contains {@code {login}}; {@code groupFilter} contains {@code {dn}} and/or
   * {@code {login}}. {@code bindDn} empty means group searches run anonymously.
   */
  public record Ldap(String url, int embeddedPort, String seedLdif, String baseDn, String userDnTemplate,
                     String groupBaseDn, String groupFilter, String groupNameAttribute, String adminGroup,
                     String bindDn, String bindPassword, int poolSize, Duration connectTimeout,
                     Duration responseTimeout) {
    public boolean embedded() {
      return url.isBlank();
    }
  }

  /** Sessions and login throttling. */
  public record Auth(Duration tokenTtl, Duration tokenCacheTtl, Duration basicCacheTtl, int throttleMaxFailures,
                     int throttleMaxFailuresPerAddress, Duration throttleWindow, Duration throttleLockout) {
  }

  public record Sftp(String host, int port) {
  }

  /** Thread sizing: {@code eventLoops} 0 means 2 x cores; pools are per kind of work. */
  public record Workers(int eventLoops, int blockingPoolSize, int ldapPoolSize, int ingestPoolSize) {
  }

  /**
   * The repository: who may create collections, the largest file any door accepts, and how often a file
   * streaming in is synced to disk (so the final sync has little left to do).
   */
  public record Repository(boolean usersMayCreateCollections, long maxFileBytes, long syncEveryBytes) {
  }

  /**
   * DICOM handling: what re-ingesting a known SOP Instance UID does ({@code keep-first}, {@code overwrite},
   * {@code keep-both}), values above {@code bulkDataThreshold} are located but not read, a header whose kept
   * values exceed {@code maxHeaderBytes} is not indexed, and WADO-RS metadata above {@code maxMetadataBytes}
   * is not kept in the index (it is read from the file when asked).
   */
  public record Dicom(String duplicatePolicy, int bulkDataThreshold, long maxHeaderBytes, long maxMetadataBytes) {
  }

  /**
   * DICOMweb: the most results one QIDO-RS response holds ({@code limit} is capped there), where STOW-RS at
   * {@code /dicom-web} stores ("home": the caller's home folder, or a folder id), how many bytes of WADO-RS
   * metadata responses are cached, and how many parts of one STOW-RS request may be stored at once.
   */
  public record DicomWeb(int qidoMaxLimit, String stowFolder, long metadataCacheBytes, int stowPartsInFlight) {
  }

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
    ConfigTree dicomweb = root.section("dicomweb");
    String host = http.string("host", "127.0.0.1");
    String dataDir = root.string("dataDir", "./data");
    if (dataDir.isBlank()) {
      throw new ConfigException("dataDir", "must not be empty");
    }
    return new SinfoniaConfig(
        Path.of(dataDir).toAbsolutePath().normalize(),
        new Http(host, http.integer("port", 8080, 0, 65535), http.integer("instances", 0, 0, 256),
            (int) Math.min(http.size("maxChunkSize", 64 * 1024), 16 << 20), http.strings("corsOrigins"),
            http.string("publicUrl", "")),
        new Mongo(mongo.string("uri", ""), mongo.string("database", "sinfonia"),
            mongo.integer("embeddedPort", 0, 0, 65535)),
        new Ldap(ldap.string("url", ""), ldap.integer("embeddedPort", 0, 0, 65535),
            ldap.string("seedLdif", "ldap/demo.ldif"),
            ldap.string("baseDn", "dc=sinfonia,dc=local"),
            requireContains(ldap, "userDnTemplate", "uid={login},ou=people,dc=sinfonia,dc=local", "{login}"),
            ldap.string("groupBaseDn", "ou=groups,dc=sinfonia,dc=local"),
            ldap.string("groupFilter", "(&(objectClass=groupOfNames)(member={dn}))"),
            ldap.string("groupNameAttribute", "cn"),
            ldap.string("adminGroup", "admins"),
            ldap.string("bindDn", ""), ldap.string("bindPassword", ""),
            ldap.integer("poolSize", 4, 1, 256),
            ldap.duration("connectTimeout", Duration.ofSeconds(5)),
            ldap.duration("responseTimeout", Duration.ofSeconds(10))),
        new Auth(auth.duration("tokenTtl", Duration.ofHours(12)),
            auth.duration("tokenCacheTtl", Duration.ofSeconds(60)),
            auth.duration("basicCacheTtl", Duration.ofMinutes(5)),
            auth.integer("throttleMaxFailures", 5, 1, 10_000),
            auth.integer("throttleMaxFailuresPerAddress", 50, 1, 1_000_000),
            auth.duration("throttleWindow", Duration.ofMinutes(5)),
            auth.duration("throttleLockout", Duration.ofMinutes(5))),
        new Sftp(sftp.string("host", host), sftp.integer("port", 2222, 0, 65535)),
        new Workers(workers.integer("eventLoops", 0, 0, 1024), workers.integer("blockingPoolSize", 20, 1, 1024),
            workers.integer("ldapPoolSize", 4, 1, 256), workers.integer("ingestPoolSize", 8, 1, 1024)),
        new Repository(repository.bool("usersMayCreateCollections", false),
            repository.size("maxFileSize", 1L << 40), repository.size("syncEvery", 64L << 20)),
        new Dicom(dicom.string("duplicatePolicy", "keep-first"),
            (int) Math.min(dicom.size("bulkDataThreshold", 64 << 10), 1 << 30),
            dicom.size("maxHeaderBytes", 32L << 20), dicom.size("maxMetadataBytes", 8L << 20)),
        new DicomWeb(dicomweb.integer("qidoMaxLimit", 1000, 1, 1_000_000), dicomweb.string("stowFolder", "home"),
            dicomweb.size("metadataCacheSize", 128L << 20), dicomweb.integer("stowPartsInFlight", 16, 1, 256)));
  }

  private static String requireContains(ConfigTree tree, String name, String fallback, String placeholder) {
    String v = tree.string(name, fallback);
    if (!v.contains(placeholder)) {
      throw new ConfigException("ldap." + name, "must contain " + placeholder);
    }
    return v;
  }
}
