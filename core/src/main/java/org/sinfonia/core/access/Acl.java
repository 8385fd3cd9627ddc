package org.sinfonia.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An access control list as a folder or collection applies it: grants to users (by login) and to
 * groups (by name), and the public flag (anonymous READ). Items, files and DICOM documents take
 * their folder's ACL.
 */
public record Acl(boolean isPublic, Map<String, Level> users, Map<String, Level> groups) {

  public static final Acl PRIVATE = new Acl(false, Map.of(), Map.of());

  public Acl {
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
  }

  /** The same ACL with {@code login} granted at least {@code level}. */
  public Acl withUser(String login, Level level) {
    Map<String, Level> u = new TreeMap<>(users);
    u.merge(login, level, Level::max);
    return new Acl(isPublic, u, groups);
  }

  /**
   * Who may read, as tokens for an indexed array: {@code *} (everyone, when public), {@code
   * u:LOGIN} and {@code g:GROUP}. Every grant includes READ, so every grantee is a reader.
   */
  public List<String> readerTokens() {
    List<String> tokens = new ArrayList<>();
    if (isPublic) {
      tokens.add(PUBLIC_TOKEN);
    }
    new TreeMap<>(users).keySet().forEach(u -> tokens.add(userToken(u)));
    new TreeMap<>(groups).keySet().forEach(g -> tokens.add(groupToken(g)));
    return tokens;
  }

  public static final String PUBLIC_TOKEN = "*";

  public static String userToken(String login) {
    return "u:" + login;
  }

  public static String groupToken(String group) {
    return "g:" + group;
  }
}
