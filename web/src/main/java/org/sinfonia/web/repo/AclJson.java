package org.sinfonia.web.repo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.error.ApiError;

/**
 * The JSON form of an {@link Acl}, the same in the API and in storage (lists, because logins and
 * group names may contain dots, which MongoDB field names may not): {@code
 * {"public":false,"users":[{"login":"bob","level":0}],"groups":[{"name":"physicists","level":1}]}}.
 */
public final class AclJson {

  private AclJson() {}

  public static JsonObject toJson(Acl acl) {
    JsonArray users = new JsonArray();
    acl.users().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                users.add(
                    new JsonObject().put("login", e.getKey()).put("level", e.getValue().code())));
    JsonArray groups = new JsonArray();
    acl.groups().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                groups.add(
                    new JsonObject().put("name", e.getKey()).put("level", e.getValue().code())));
    return new JsonObject().put("public", acl.isPublic()).put("users", users).put("groups", groups);
  }

  public static Acl fromStored(JsonObject json) {
    return json == null ? Acl.PRIVATE : parse(json, false);
  }

  /** Parses a client's ACL, with 400s for anything malformed. */
  public static Acl fromRequest(JsonObject json) {
    return parse(json, true);
  }

  private static Acl parse(JsonObject json, boolean strict) {
    Object pub = json.getValue("public", false);
    if (!(pub instanceof Boolean)) {
      throw ApiError.badRequest("INVALID_ACL", "'public' must be true or false");
    }
    Map<String, Level> users = grants(json.getValue("users"), "login", strict);
    Map<String, Level> groups = grants(json.getValue("groups"), "name", strict);
    return new Acl((Boolean) pub, users, groups);
  }

  private static Map<String, Level> grants(Object value, String key, boolean strict) {
    Map<String, Level> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof JsonArray array)) {
      throw ApiError.badRequest("INVALID_ACL", "grants must be a list of {\"%s\", \"level\"}", key);
    }
    for (Object o : array) {
      if (!(o instanceof JsonObject g)
          || !(g.getValue(key) instanceof String who)
          || !(g.getValue("level") instanceof Number level)) {
        throw ApiError.badRequest(
            "INVALID_ACL", "each grant needs a string '%s' and a numeric 'level'", key);
      }
      if (strict) {
        LoginName.require(who);
      }
      out.merge(who, Level.ofCode(level.intValue()), Level::max);
    }
    return out;
  }
}
