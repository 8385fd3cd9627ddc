package org.sinfonia.verticles.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.config.SinfoniaConfig;

/**
 * Blocking directory access over a bounded connection pool: a login checks out one pooled
 * connection, binds as the user (simple bind to the DN template), reads the user's name and mail
 * and searches their groups, then binds the connection back to the pool's identity and returns it.
 * No connection is ever opened per login, which is what {@code vertx-auth-ldap}'s JNDI provider
 * does (and never closes).
 */
public final class LdapDirectory implements AutoCloseable {

  /** Outcome of a bind: the user, or why not. */
  public sealed interface Result {
    record Ok(Principal principal) implements Result {}

    record WrongCredentials() implements Result {}
  }

  private final SinfoniaConfig.Ldap config;
  private final LDAPConnectionPool pool;
  private final BindRequest poolIdentity;

  public LdapDirectory(SinfoniaConfig.Ldap config, String url) throws LDAPException {
    this.config = config;
    LDAPURL ldapUrl = new LDAPURL(url);
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
    options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
    options.setUseKeepAlive(true);
    SocketFactory sockets = socketFactory(ldapUrl);
    this.poolIdentity =
        config.bindDn().isBlank()
            ? new SimpleBindRequest()
            : new SimpleBindRequest(config.bindDn(), config.bindPassword());
    SingleServerSet server =
        new SingleServerSet(ldapUrl.getHost(), ldapUrl.getPort(), sockets, options);
    // Start with no connection so the service starts (and /health reports) while the directory is
    // down.
    this.pool = new LDAPConnectionPool(server, poolIdentity, 0, config.poolSize(), null, false);
    this.pool.setMaxWaitTimeMillis(config.responseTimeout().toMillis());
    this.pool.setRetryFailedOperationsDueToInvalidConnections(true);
  }

  private static SocketFactory socketFactory(LDAPURL url) throws LDAPException {
    if (!"ldaps".equalsIgnoreCase(url.getScheme())) {
      return SocketFactory.getDefault();
    }
    try {
      String trustStore =
          System.getProperty(
              "javax.net.ssl.trustStore",
              System.getProperty("java.home") + "/lib/security/cacerts");
      return new SSLUtil(new TrustStoreTrustManager(trustStore)).createSSLSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS for " + url, e);
    }
  }

  /**
   * Blocking. {@code login} must already be validated (it is placed into a DN unescaped by design).
   */
  public Result authenticate(String login, String password) throws LDAPException {
    String dn = config.userDnTemplate().replace("{login}", login);
    LDAPConnection connection = pool.getConnection();
    boolean healthy = false;
    try {
      try {
        connection.bind(new SimpleBindRequest(dn, password));
      } catch (LDAPException e) {
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS
            || e.getResultCode() == ResultCode.NO_SUCH_OBJECT
            || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM
            || e.getResultCode() == ResultCode.INAPPROPRIATE_AUTHENTICATION) {
          healthy = revert(connection);
          return new Result.WrongCredentials();
        }
        throw e;
      }
      SearchResultEntry entry = connection.getEntry(dn, "cn", "displayName", "mail");
      List<String> groups = groups(connection, dn, login);
      healthy = revert(connection);
      String name =
          entry == null
              ? login
              : Optional.ofNullable(entry.getAttributeValue("displayName"))
                  .orElse(Optional.ofNullable(entry.getAttributeValue("cn")).orElse(login));
      String mail =
          entry == null ? "" : Optional.ofNullable(entry.getAttributeValue("mail")).orElse("");
      return new Result.Ok(
          new Principal(login, name, mail, groups, groups.contains(config.adminGroup())));
    } finally {
      if (healthy) {
        pool.releaseConnection(connection);
      } else {
        pool.releaseDefunctConnection(connection);
      }
    }
  }

  private List<String> groups(LDAPConnection connection, String dn, String login)
      throws LDAPException {
    String filter =
        config
            .groupFilter()
            .replace("{dn}", Filter.encodeValue(new DN(dn).toNormalizedString()))
            .replace("{login}", Filter.encodeValue(login));
    SearchResult result =
        connection.search(
            config.groupBaseDn(),
            SearchScope.SUB,
            Filter.create(filter),
            config.groupNameAttribute());
    List<String> names = new ArrayList<>();
    for (SearchResultEntry e : result.getSearchEntries()) {
      String name = e.getAttributeValue(config.groupNameAttribute());
      if (name != null) {
        names.add(name);
      }
    }
    names.sort(String::compareTo);
    return names;
  }

  /** Binds the connection back to the pool's identity; false when it should be discarded. */
  private boolean revert(LDAPConnection connection) {
    try {
      connection.bind(poolIdentity.duplicate());
      return true;
    } catch (LDAPException e) {
      return false;
    }
  }

  /** Blocking: proves the directory answers (reads the root DSE over a pooled connection). */
  public void ping() throws LDAPException {
    if (pool.getRootDSE() == null) {
      throw new LDAPException(ResultCode.SERVER_DOWN, "the directory returned no root DSE");
    }
  }

  /**
   * Connections currently held by the pool (idle ones), for metrics and the connection-bound test.
   */
  public int pooledConnections() {
    return pool.getCurrentAvailableConnections();
  }

  @Override
  public void close() {
    pool.close();
  }
}
