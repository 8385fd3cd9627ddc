package org.sinfonia.verticles.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.config.ConfigException;
import org.sinfonia.core.config.SinfoniaConfig;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void bundledDefaultsAreTheEmbeddedLaptopSetup() {
    SinfoniaConfig c = ConfigLoader.load(null, null, Map.of());
    assertEquals("127.0.0.1", c.http().host());
    assertEquals(8080, c.http().port());
    assertEquals(2222, c.sftp().port());
    assertEquals(Path.of("./data").toAbsolutePath().normalize(), c.dataDir());
    assertTrue(c.mongo().embedded());
    assertEquals(128L << 20, c.mongo().embeddedCacheSize());
    assertTrue(c.ldap().embedded());
    assertEquals("admins", c.ldap().adminGroup());
    assertEquals(64 * 1024, c.http().maxChunkSize());
    assertEquals(Duration.ofHours(12), c.auth().tokenTtl());
  }

  @Test
  void environmentOverridesTheFileAndTheProfile() {
    SinfoniaConfig c =
        ConfigLoader.load(
            null,
            "vm-8cpu-32gb",
            Map.of(
                "SINFONIA_HTTP_PORT",
                "9090",
                "SINFONIA_HOST",
                "0.0.0.0",
                "SINFONIA_DATA_DIR",
                dir.toString(),
                "SINFONIA_SFTP_PORT",
                "2022",
                "SINFONIA_MONGO_URI",
                "mongodb://db1,db2/?replicaSet=rs0",
                "SINFONIA_LDAP_URL",
                "ldaps://ldap.example.org",
                "SINFONIA_MONGO_EMBEDDED_CACHE_SIZE",
                "1GiB"));
    assertEquals(9090, c.http().port());
    assertEquals("0.0.0.0", c.http().host());
    assertEquals("0.0.0.0", c.sftp().host(), "SINFONIA_HOST applies to every listener");
    assertEquals(2022, c.sftp().port());
    assertEquals(dir, c.dataDir());
    assertEquals("mongodb://db1,db2/?replicaSet=rs0", c.mongo().uri());
    assertEquals(1L << 30, c.mongo().embeddedCacheSize());
    assertEquals("ldaps://ldap.example.org", c.ldap().url());
    assertEquals(8, c.http().instances(), "from the 8-vCPU profile");
    assertEquals(32, c.workers().blockingPoolSize());
  }

  @Test
  void aConfFileReplacesTheDefaults() throws Exception {
    Path conf = dir.resolve("site.yaml");
    Files.writeString(
        conf,
        "http:\n  port: 8181\n  corsOrigins: [https://ohif.example.org]\nldap:\n  adminGroup: imaging-admins\n");
    SinfoniaConfig c = ConfigLoader.load(conf, null, Map.of());
    assertEquals(8181, c.http().port());
    assertEquals(List.of("https://ohif.example.org"), c.http().corsOrigins());
    assertEquals("imaging-admins", c.ldap().adminGroup());
  }

  @Test
  void badValuesNameTheirKey() throws Exception {
    assertEquals(
        "http.port: expected an integer, was 'eighty'",
        assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(null, null, Map.of("SINFONIA_HTTP_PORT", "eighty")))
            .getMessage());
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(null, null, Map.of("SINFONIA_HTTP_PORT", "70000")))
            .getMessage()
            .startsWith("http.port: must be between 0 and 65535"));
    Path conf = dir.resolve("bad.yaml");
    Files.writeString(conf, "auth:\n  tokenTtl: forever\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> ConfigLoader.load(conf, null, Map.of()))
            .getMessage()
            .startsWith("auth.tokenTtl: expected a duration"));
    Files.writeString(conf, "ldap:\n  userDnTemplate: uid=fixed,dc=x\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> ConfigLoader.load(conf, null, Map.of()))
            .getMessage()
            .startsWith("ldap.userDnTemplate: must contain {login}"));
    Files.writeString(conf, "http: [1, 2\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> ConfigLoader.load(conf, null, Map.of()))
            .getMessage()
            .contains("not valid YAML"));
    assertTrue(
        assertThrows(
                ConfigException.class, () -> ConfigLoader.load(null, "no-such-profile", Map.of()))
            .getMessage()
            .contains("no such bundled configuration file"));
  }
}
