package org.sinfonia.verticles.auth;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.Slapd;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The directory contract against a real OpenLDAP slapd, configured only through SINFONIA_LDAP_URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class SlapdDirectoryTest extends DirectoryContract {

  private Slapd slapd;
  private TestNode node;

  @BeforeAll
  void start() throws Exception {
    slapd = Slapd.start();
    node = TestNode.start(Map.of("SINFONIA_LDAP_URL", slapd.url()));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  @Override
  TestNode node() {
    return node;
  }
}
