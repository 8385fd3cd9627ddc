package org.sinfonia.web.sftp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.repo.Requires;

/**
 * {@code GET|PUT /users/me/sftp-mappings}: which inbox subtrees go to which folders instead of the
 * home folder. {@code {"inbox/projectX": "<folderId>"}} or {@code {"inbox/projectX": {"folderId":
 * "...", "extractZip": true}}}; PUT replaces the whole set. Every folder must be one the caller can
 * WRITE now (checked again at each ingest).
 */
public final class SftpMappingRoutes {

  private final SftpAccounts accounts;
  private final Requires requires;

  public SftpMappingRoutes(SftpAccounts accounts, Requires requires) {
    this.accounts = accounts;
    this.requires = requires;
  }

  public void register(ApiRouter api) {
    api.get("/users/me/sftp-mappings", Access.user(), this::get);
    api.put("/users/me/sftp-mappings", Access.user(), this::put);
  }

  private void get(RoutingContext rc) {
    accounts
        .mappings(Caller.of(rc).login())
        .onSuccess(m -> JsonResponse.ok(rc, view(m)))
        .onFailure(rc::fail);
  }

  private void put(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    Map<String, SftpMapping> mappings = parse(JsonBody.object(rc));
    List<Future<?>> checks = new ArrayList<>();
    mappings.values().stream()
        .map(SftpMapping::folderId)
        .distinct()
        .forEach(id -> checks.add(requires.load(caller, ResourceType.FOLDER, id, Level.WRITE)));
    Future.all(checks)
        .compose(ok -> accounts.setMappings(caller.login(), mappings))
        .onSuccess(v -> JsonResponse.ok(rc, view(mappings)))
        .onFailure(rc::fail);
  }

  static Map<String, SftpMapping> parse(JsonObject body) {
    if (body.size() > SftpAccounts.MAX_MAPPINGS) {
      throw ApiError.badRequest(
          "TOO_MANY_MAPPINGS", "at most %d mappings", SftpAccounts.MAX_MAPPINGS);
    }
    Map<String, SftpMapping> out = new LinkedHashMap<>();
    for (String rawKey : body.fieldNames()) {
      String key =
          InboxPaths.normalizeMappingKey(rawKey)
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          "INVALID_MAPPING",
                          "'%s' is not an inbox path: use inbox or inbox/NAME/... with plain names",
                          rawKey));
      Object value = body.getValue(rawKey);
      SftpMapping mapping;
      if (value instanceof String id) {
        mapping = new SftpMapping(id, false);
      } else if (value instanceof JsonObject o) {
        if (!(o.getValue("folderId") instanceof String id)) {
          throw ApiError.badRequest("INVALID_MAPPING", "'%s': folderId must be a string", rawKey);
        }
        Object zip = o.getValue("extractZip", false);
        if (!(zip instanceof Boolean extract)) {
          throw ApiError.badRequest(
              "INVALID_MAPPING", "'%s': extractZip must be true or false", rawKey);
        }
        for (String field : o.fieldNames()) {
          if (!field.equals("folderId") && !field.equals("extractZip")) {
            throw ApiError.badRequest(
                "INVALID_MAPPING", "'%s': unknown option '%s'", rawKey, field);
          }
        }
        mapping = new SftpMapping(id, extract);
      } else {
        throw ApiError.badRequest(
            "INVALID_MAPPING", "'%s': expected a folder id or {folderId, extractZip}", rawKey);
      }
      if (out.put(key, mapping) != null) {
        throw ApiError.badRequest("INVALID_MAPPING", "'%s' is mapped twice", key);
      }
    }
    return out;
  }

  static JsonObject view(Map<String, SftpMapping> mappings) {
    JsonObject out = new JsonObject();
    mappings.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), e.getValue().toJson()));
    return out;
  }
}
