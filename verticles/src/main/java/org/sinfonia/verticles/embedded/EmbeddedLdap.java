package org.sinfonia.verticles.embedded;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;

/**
 * The in-process LDAP server (UnboundID) used when no {@code ldap.url} is configured, seeded from
 * an LDIF file (by default the demo accounts in {@code conf/ldap/demo.ldif}). Loopback only.
 */
public final class EmbeddedLdap implements AutoCloseable {

  private final InMemoryDirectoryServer server;

  private EmbeddedLdap(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /** Blocking: builds the directory from the LDIF and starts listening. */
  public static EmbeddedLdap start(String baseDn, InputStream ldif, int port) throws IOException {
    try (ldif) {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig(
              "default", InetAddress.getLoopbackAddress(), port, null));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.importFromLDIF(true, new LDIFReader(ldif));
      server.startListening();
      return new EmbeddedLdap(server);
    } catch (LDAPException e) {
      throw new IOException("embedded LDAP could not start: " + e.getMessage(), e);
    }
  }

  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
