package org.sinfonia.verticles.mongo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.auth.Principal;

/** The stored form of a {@link Principal}, shared by the user and session documents. */
final class PrincipalDocuments {

  private PrincipalDocuments() {}

  static JsonObject fields(Principal p) {
    return new JsonObject()
        .put("login", p.login())
        .put("name", p.name())
        .put("email", p.email())
        .put("groups", new JsonArray(p.groups()))
        .put("admin", p.admin());
  }

  static Principal read(JsonObject doc) {
    JsonArray groups = doc.getJsonArray("groups", new JsonArray());
    List<String> names = groups.stream().map(String::valueOf).toList();
    return new Principal(
        doc.getString("login"),
        doc.getString("name"),
        doc.getString("email"),
        names,
        doc.getBoolean("admin", false));
  }
}
