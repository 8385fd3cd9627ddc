package org.sinfonia.verticles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.blob.FsBlobStore;
import org.sinfonia.core.blob.MemoryBlobStore;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.dicom.DicomDictionary;
import org.sinfonia.verticles.config.ConfigLoader;
import org.sinfonia.verticles.embedded.EmbeddedLdap;
import org.sinfonia.verticles.embedded.EmbeddedMongo;
import org.sinfonia.verticles.ldap.LdapDirectory;
import org.sinfonia.verticles.preview.PreviewStore;
import org.sinfonia.verticles.tus.TusNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores behind the service, opened blocking (on a worker) before any verticle is deployed: the
 * data directory, the blob store (minus crash leftovers), the embedded MongoDB and LDAP servers
 * when no external ones are configured, and the directory connection pool. Closed in reverse order.
 */
final class Infrastructure implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  final BlobStore blobs;

  /**
   * Rendered previews: a store of their own (not reference-counted with files; may be emptied at
   * any time).
   */
  final PreviewStore previewBlobs;

  final String mongoUri;
  final String ldapUrl;
  final LdapDirectory directory;

  /**
   * When runs on this data directory that did not stop gracefully were last alive ({@link
   * RunMarker}).
   */
  final Optional<Instant> uncleanStop;

  private final RunMarker marker;
  private final EmbeddedMongo embeddedMongo;
  private final EmbeddedLdap embeddedLdap;

  private Infrastructure(
      RunMarker marker,
      BlobStore blobs,
      PreviewStore previewBlobs,
      EmbeddedMongo embeddedMongo,
      String mongoUri,
      EmbeddedLdap embeddedLdap,
      String ldapUrl,
      LdapDirectory directory) {
    this.marker = marker;
    this.uncleanStop = marker.uncleanStop();
    this.blobs = blobs;
    this.previewBlobs = previewBlobs;
    this.embeddedMongo = embeddedMongo;
    this.mongoUri = mongoUri;
    this.embeddedLdap = embeddedLdap;
    this.ldapUrl = ldapUrl;
    this.directory = directory;
  }

  static Infrastructure open(SinfoniaConfig config) throws Exception {
    Path dataDir = Files.createDirectories(config.dataDir());
    RunMarker marker = RunMarker.begin(dataDir);
    DicomDictionary.standard(); // read once here, on a worker: every ingest's DICOM tap needs it

    BlobStore blobs =
        config.repository().blobStore().equals("memory")
            ? new MemoryBlobStore(config.repository().memoryBlobStoreBytes())
            : new FsBlobStore(dataDir.resolve("store"));
    int leftovers = blobs.removeTemporaries();
    if (leftovers > 0) {
      LOG.info("removed {} partial blob(s) left by an earlier crash", leftovers);
    }
    TusNode.prepare(config.tus(), blobs);
    PreviewStore previewBlobs = new PreviewStore(config.previews().storeDir());
    EmbeddedMongo mongo = null;
    EmbeddedLdap ldap = null;
    try {
      String mongoUri = config.mongo().uri();
      if (config.mongo().embedded()) {
        mongo =
            EmbeddedMongo.start(
                dataDir.resolve("mongo"),
                config.mongo().embeddedPort(),
                config.mongo().embeddedCacheSize());
        mongoUri = mongo.uri();
        LOG.info(
            "embedded MongoDB wire-protocol server on {} (data in {})",
            mongoUri,
            dataDir.resolve("mongo"));
      }
      String ldapUrl = config.ldap().url();
      if (config.ldap().embedded()) {
        ldap =
            EmbeddedLdap.start(
                config.ldap().baseDn(),
                ConfigLoader.open(config.ldap().seedLdif()),
                config.ldap().embeddedPort());
        ldapUrl = ldap.url();
        LOG.warn(
            "embedded LDAP on {} seeded from {}: DEMO ACCOUNTS, never use them in production",
            ldapUrl,
            config.ldap().seedLdif());
      }
      LdapDirectory directory = new LdapDirectory(config.ldap(), ldapUrl);
      return new Infrastructure(
          marker, blobs, previewBlobs, mongo, mongoUri, ldap, ldapUrl, directory);
    } catch (Exception e) {
      marker.close();
      if (ldap != null) {
        ldap.close();
      }
      if (mongo != null) {
        mongo.close();
      }
      throw e;
    }
  }

  /** Blocking: the node is alive ({@link RunMarker#HEARTBEAT}). */
  void alive() {
    marker.alive();
  }

  /**
   * Blocking: the repairs after an unclean stop have succeeded, so the dead runs' markers go; until
   * then they stay, and the next start repeats them (they change only what is still half done).
   */
  void repaired() {
    marker.repaired();
  }

  boolean embeddedMongo() {
    return embeddedMongo != null;
  }

  boolean embeddedLdap() {
    return embeddedLdap != null;
  }

  @Override
  public void close() {
    directory.close();
    if (embeddedLdap != null) {
      embeddedLdap.close();
    }
    if (embeddedMongo != null) {
      embeddedMongo.close();
    }
    marker.close();
  }
}
