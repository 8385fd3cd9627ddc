package org.sinfonia.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.privacy.PrivacyPolicy;

class PrivacyConfigTest {

  @Test
  void absentSectionAcceptsAndKeepsTheKeyInTheDataDirectory() {
    SinfoniaConfig c = SinfoniaConfig.from(Map.of("dataDir", "/srv/sinfonia"));
    assertEquals(PrivacyPolicy.Kind.ACCEPT, c.privacy().defaultPolicy().kind());
    assertEquals(PrivacyPolicy.Options.DEFAULTS, c.privacy().defaultPolicy().options());
    assertEquals(Path.of("/srv/sinfonia/privacy/site.key"), c.privacy().siteKeyFile());
  }

  @Test
  void defaultPolicyAndOptionsAreReadAsThePolicyEndpointReadsThem() {
    SinfoniaConfig c =
        SinfoniaConfig.from(
            Map.of(
                "dataDir",
                "/srv/sinfonia",
                "privacy",
                Map.of(
                    "defaultPolicy",
                    "deidentify",
                    "defaultOptions",
                    Map.of("retainPatientCharacteristics", true),
                    "siteKeyFile",
                    "keys/consortium.key")));
    assertEquals(PrivacyPolicy.Kind.DEIDENTIFY, c.privacy().defaultPolicy().kind());
    assertTrue(c.privacy().defaultPolicy().options().retainPatientCharacteristics());
    assertEquals(Path.of("/srv/sinfonia/keys/consortium.key"), c.privacy().siteKeyFile());
  }

  @Test
  void anUnknownPolicyOrOptionNamesTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> SinfoniaConfig.from(Map.of("privacy", Map.of("defaultPolicy", "scrub"))));
    assertTrue(
        e.getMessage().startsWith("privacy.defaultPolicy: policy must be one of"), e.getMessage());
    assertThrows(
        ConfigException.class,
        () ->
            SinfoniaConfig.from(
                Map.of("privacy", Map.of("defaultOptions", Map.of("retainEverything", true)))));
  }
}
