package org.sinfonia.web.models;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.error.ApiError;

/**
 * Who may see (and later run) an approved model: every logged-in user, members of any of the given
 * directory groups, or only its submitter. Site administrators and reviewers see every model.
 */
public record Visibility(boolean everyone, List<String> groups) {

  private static final int MAX_GROUPS = 100;

  public Visibility {
    groups = List.copyOf(groups);
  }

  public static Visibility submitterOnly() {
    return new Visibility(false, List.of());
  }

  public boolean isSubmitterOnly() {
    return !everyone && groups.isEmpty();
  }

  /**
   * Reads exactly one of {@code {"everyone": true}}, {@code {"groups": [...]}} (1 to 100 names) or
   * {@code {"submitterOnly": true}}.
   */
  public static Visibility parse(Object value) {
    if (!(value instanceof JsonObject o) || o.size() != 1) {
      throw invalid();
    }
    if (Boolean.TRUE.equals(o.getValue("everyone"))) {
      return new Visibility(true, List.of());
    }
    if (Boolean.TRUE.equals(o.getValue("submitterOnly"))) {
      return submitterOnly();
    }
    if (o.getValue("groups") instanceof JsonArray a && !a.isEmpty() && a.size() <= MAX_GROUPS) {
      List<String> groups = new ArrayList<>();
      for (Object g : a) {
        if (!(g instanceof String s) || s.isBlank() || s.length() > 256) {
          throw invalid();
        }
        if (!groups.contains(s)) {
          groups.add(s);
        }
      }
      return new Visibility(false, groups);
    }
    throw invalid();
  }

  private static ApiError invalid() {
    return ApiError.badRequest(
        "INVALID_VISIBILITY",
        "'visibility' must be {\"everyone\": true}, {\"groups\": [1 to %d group names]} or"
            + " {\"submitterOnly\": true}",
        MAX_GROUPS);
  }

  public JsonObject toJson() {
    if (everyone) {
      return new JsonObject().put("everyone", true);
    }
    return groups.isEmpty()
        ? new JsonObject().put("submitterOnly", true)
        : new JsonObject().put("groups", new JsonArray(new ArrayList<>(groups)));
  }
}
