package org.sinfonia.core.access;

import org.sinfonia.core.auth.Principal;

/**
 * The access rule for things that belong to one person rather than to the tree (jobs, tus uploads):
 * the owner and site administrators may see and act on them; to anybody else they do not exist, so
 * ids cannot be probed. The anonymous caller owns nothing, even something recorded without an
 * owner.
 */
public final class OwnerPolicy {

  private OwnerPolicy() {}

  public static boolean mayUse(Principal caller, String owner) {
    if (caller.admin()) {
      return true;
    }
    return !caller.anonymous() && owner != null && owner.equals(caller.login());
  }
}
