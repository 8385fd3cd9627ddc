package org.sinfonia.verticles.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.sinfonia.verticles.ldap.LdapAuthenticator;
import org.sinfonia.web.system.HealthCheck;

/** The directory answers a root DSE read. */
public final class LdapHealth implements HealthCheck {

  private final LdapAuthenticator ldap;
  private final boolean embedded;

  public LdapHealth(LdapAuthenticator ldap, boolean embedded) {
    this.ldap = ldap;
    this.embedded = embedded;
  }

  @Override
  public String name() {
    return "ldap";
  }

  @Override
  public Future<JsonObject> check() {
    return ldap.ping().map(v -> new JsonObject().put("embedded", embedded));
  }
}
