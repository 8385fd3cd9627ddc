package org.sinfonia.verticles.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sinfonia.core.config.ConfigException;
import org.sinfonia.core.config.ConfigTree;
import org.sinfonia.core.config.SinfoniaConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one place configuration is assembled: {@code conf/sinfonia.yaml} (shipped in the jar) or the
 * file given with {@code --conf}, then a sizing profile ({@code conf/profiles/NAME.yaml}), then
 * {@code SINFONIA_*} environment variables. Any problem stops start-up naming the offending key.
 */
public final class ConfigLoader {

  /** Classpath folder that holds a copy of the repository's {@code conf/}. */
  public static final String BUNDLED = "sinfonia-conf/";

  /** Environment variables and the dotted keys they override. */
  static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("SINFONIA_HTTP_PORT", "http.port"),
          Map.entry("SINFONIA_HOST", "http.host"),
          Map.entry("SINFONIA_HTTP_INSTANCES", "http.instances"),
          Map.entry("SINFONIA_PUBLIC_URL", "http.publicUrl"),
          Map.entry("SINFONIA_CORS_ORIGINS", "http.corsOrigins"),
          Map.entry("SINFONIA_DATA_DIR", "dataDir"),
          Map.entry("SINFONIA_MAX_FILE_SIZE", "repository.maxFileSize"),
          Map.entry("SINFONIA_ACCESS_JOB_THRESHOLD", "repository.accessJobThreshold"),
          Map.entry("SINFONIA_SFTP_PORT", "sftp.port"),
          Map.entry("SINFONIA_AUTH_IDLE_TIMEOUT", "auth.idleTimeout"),
          Map.entry("SINFONIA_MONGO_URI", "mongo.uri"),
          Map.entry("SINFONIA_MONGO_DATABASE", "mongo.database"),
          Map.entry("SINFONIA_MONGO_EMBEDDED_CACHE_SIZE", "mongo.embeddedCacheSize"),
          Map.entry("SINFONIA_LDAP_URL", "ldap.url"),
          Map.entry("SINFONIA_LDAP_SEED_LDIF", "ldap.seedLdif"),
          Map.entry("SINFONIA_LDAP_USER_DN_TEMPLATE", "ldap.userDnTemplate"),
          Map.entry("SINFONIA_LDAP_GROUP_BASE_DN", "ldap.groupBaseDn"),
          Map.entry("SINFONIA_LDAP_GROUP_FILTER", "ldap.groupFilter"),
          Map.entry("SINFONIA_LDAP_ADMIN_GROUP", "ldap.adminGroup"),
          Map.entry("SINFONIA_LDAP_BIND_DN", "ldap.bindDn"),
          Map.entry("SINFONIA_LDAP_BIND_PASSWORD", "ldap.bindPassword"),
          Map.entry("SINFONIA_EVENT_LOOPS", "workers.eventLoops"),
          Map.entry("SINFONIA_BLOB_GRACE_PERIOD", "repository.blobGracePeriod"),
          Map.entry("SINFONIA_BLOB_STORE", "repository.blobStore"),
          Map.entry("SINFONIA_VIEWER_ENABLED", "viewer.enabled"),
          Map.entry("SINFONIA_VIEWER_DIR", "viewer.dir"),
          Map.entry("SINFONIA_MEMORY_BLOB_STORE_BYTES", "repository.memoryBlobStoreBytes"),
          Map.entry("SINFONIA_TUS_MAX_SIZE", "tus.maxSize"),
          Map.entry("SINFONIA_TUS_EXPIRY", "tus.expiry"),
          Map.entry("SINFONIA_TUS_LOCK_WAIT", "tus.lockWait"),
          Map.entry("SINFONIA_TUS_LEASE", "tus.lease"),
          Map.entry("SINFONIA_TUS_LOCK_HANDOVER", "tus.lockHandover"),
          Map.entry("SINFONIA_TUS_PURGE_INTERVAL", "tus.purgeInterval"),
          Map.entry("SINFONIA_TUS_UPLOAD_DIR", "tus.uploadDir"),
          Map.entry("SINFONIA_ZIP_MAX_TOTAL_BYTES", "zip.maxTotalBytes"),
          Map.entry("SINFONIA_ZIP_MAX_RATIO", "zip.maxRatio"),
          Map.entry("SINFONIA_ZIP_MAX_ENTRIES", "zip.maxEntries"),
          Map.entry("SINFONIA_ZIP_MAX_DEPTH", "zip.maxDepth"),
          Map.entry("SINFONIA_ZIP_EXTRACT_THREADS", "zip.extractThreads"),
          Map.entry("SINFONIA_PREVIEWS_ON_INGEST", "previews.onIngest"),
          Map.entry("SINFONIA_PREVIEW_THREADS", "previews.poolSize"),
          Map.entry("SINFONIA_PREVIEW_JOB_THREADS", "previews.jobThreads"),
          Map.entry("SINFONIA_MANAGEMENT_HOST", "management.host"),
          Map.entry("SINFONIA_MANAGEMENT_PORT", "management.port"),
          Map.entry("SINFONIA_MODELS_REVIEWERS_GROUP", "models.reviewersGroup"),
          Map.entry("SINFONIA_MODELS_MAX_MODEL_BYTES", "models.maxModelBytes"),
          Map.entry("SINFONIA_MODELS_SMOKE_TIMEOUT", "models.smokeTimeout"),
          Map.entry("SINFONIA_MODELS_SMOKE_MEMORY_BYTES", "models.smokeMemoryBytes"));

  private ConfigLoader() {}

  /**
   * @param confFile replaces the bundled defaults when not null
   * @param profile name of a bundled profile, or a path to a YAML file, overlaid on the defaults;
   *     may be null
   * @param env the environment (System.getenv() in production)
   */
  public static SinfoniaConfig load(Path confFile, String profile, Map<String, String> env) {
    Map<String, Object> tree = confFile == null ? bundled("sinfonia.yaml") : file(confFile);
    String profileName = profile != null ? profile : env.get("SINFONIA_PROFILE");
    if (profileName != null && !profileName.isBlank()) {
      Path asFile = Path.of(profileName);
      Map<String, Object> overlay =
          Files.isRegularFile(asFile) ? file(asFile) : bundled("profiles/" + profileName + ".yaml");
      tree = ConfigTree.merge(tree, overlay);
    }
    Map<String, Object> merged = new LinkedHashMap<>(tree);
    ENVIRONMENT.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null) {
            ConfigTree.put(merged, key, value);
          }
        });
    if (env.containsKey("SINFONIA_HOST") && !hasKey(tree, "sftp", "host")) {
      ConfigTree.put(merged, "sftp.host", env.get("SINFONIA_HOST"));
    }
    return SinfoniaConfig.from(merged);
  }

  /** The environment variable that sets a key, if there is one (for advice in error messages). */
  public static Optional<String> variableFor(String key) {
    return ENVIRONMENT.entrySet().stream()
        .filter(e -> e.getValue().equals(key))
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private static boolean hasKey(Map<String, Object> tree, String section, String key) {
    return tree.get(section) instanceof Map<?, ?> m && ((Map<String, Object>) m).containsKey(key);
  }

  /**
   * Opens a file the configuration refers to (e.g. the seed LDIF): a path on disk, else the bundled
   * copy.
   */
  public static InputStream open(String relativeOrAbsolute) throws IOException {
    Path p = Path.of(relativeOrAbsolute);
    if (Files.isRegularFile(p)) {
      return Files.newInputStream(p);
    }
    InputStream in =
        ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED + relativeOrAbsolute);
    if (in == null) {
      throw new IOException("not found on disk or in the bundled conf/: " + relativeOrAbsolute);
    }
    return in;
  }

  private static Map<String, Object> bundled(String name) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
      if (in == null) {
        throw new ConfigException(name, "no such bundled configuration file");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new ConfigException(name, "cannot be read: " + e.getMessage());
    }
  }

  private static Map<String, Object> file(Path path) {
    try {
      return parse(Files.readString(path), path.toString());
    } catch (IOException e) {
      throw new ConfigException(path.toString(), "cannot be read: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml, String source) {
    try (Reader reader = new StringReader(yaml)) {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (doc == null) {
        return new LinkedHashMap<>();
      }
      if (!(doc instanceof Map)) {
        throw new ConfigException(source, "must be a YAML map of sections");
      }
      return (Map<String, Object>) doc;
    } catch (IOException e) {
      throw new ConfigException(source, e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof ConfigException) {
        throw e;
      }
      if (e instanceof MarkedYAMLException y && y.getProblemMark() != null) {
        // SnakeYAML's own message spans several lines with a source excerpt: one line, with the
        // place, is enough.
        throw new ConfigException(
            source,
            "is not valid YAML at line "
                + (y.getProblemMark().getLine() + 1)
                + ", column "
                + (y.getProblemMark().getColumn() + 1)
                + ": "
                + y.getProblem());
      }
      throw new ConfigException(
          source, "is not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
    }
  }
}
