package org.sinfonia.web;

import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.web.audit.Actor;

/** The principal the authentication handler attached to a request; anonymous when none did. */
public final class Caller {

  private static final String KEY = "sinfonia.principal";

  private Caller() {}

  public static Principal of(RoutingContext rc) {
    Principal p = rc.get(KEY);
    return p == null ? Principal.ANONYMOUS : p;
  }

  public static void set(RoutingContext rc, Principal principal) {
    rc.put(KEY, principal);
  }

  /** The caller as the audit trail records them. */
  public static Actor actor(RoutingContext rc) {
    return new Actor(of(rc).login(), address(rc));
  }

  /** The client address as seen by this server (no proxy headers are trusted). */
  public static String address(RoutingContext rc) {
    var remote = rc.request().remoteAddress();
    return remote == null ? "" : remote.hostAddress();
  }
}
