package org.sinfonia.web.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.privacy.PrivacyPolicyException;

/**
 * A privacy policy as JSON, the same shape in a request body and on a stored folder or collection
 * ({@code {"policy": ..., "options": {...}}}), read by {@link PrivacyPolicy#fromMap}.
 */
public final class PolicyJson {

  private PolicyJson() {}

  public static JsonObject toJson(PrivacyPolicy policy) {
    return new JsonObject(policy.toMap());
  }

  /** A request body; a document the parser refuses is a 400 with the parser's code. */
  public static PrivacyPolicy fromRequest(JsonObject body) {
    try {
      return PrivacyPolicy.fromMap(plainMap(body));
    } catch (PrivacyPolicyException e) {
      throw ApiError.badRequest(e.code(), "%s", e.getMessage());
    }
  }

  /** A stored policy (written by this class, so it parses). */
  public static PrivacyPolicy fromStored(JsonObject stored) {
    return PrivacyPolicy.fromMap(plainMap(stored));
  }

  /**
   * The parser reads what a JSON parser gives (Map, List, String, Boolean); a {@link JsonObject}
   * may hold its nested objects and arrays either wrapped or not, so both are unwrapped.
   */
  private static Map<String, Object> plainMap(JsonObject o) {
    Map<String, Object> m = new LinkedHashMap<>();
    o.forEach(e -> m.put(e.getKey(), plain(e.getValue())));
    return m;
  }

  private static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      return plainMap(o);
    }
    if (v instanceof JsonArray a) {
      List<Object> l = new ArrayList<>();
      a.forEach(x -> l.add(plain(x)));
      return l;
    }
    return v;
  }
}
