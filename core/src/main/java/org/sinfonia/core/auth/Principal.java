package org.sinfonia.core.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who is calling: resolved once at login from the directory and carried by the session token, so no
 * request after login needs the directory. {@link #ANONYMOUS} is the caller without credentials.
 */
public record Principal(
    String login, String name, String email, List<String> groups, boolean admin) {

  public static final Principal ANONYMOUS = new Principal("", "", "", List.of(), false);

  public Principal {
    Objects.requireNonNull(login, "login");
    name = name == null ? "" : name;
    email = email == null ? "" : email;
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public boolean anonymous() {
    return login.isEmpty();
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
