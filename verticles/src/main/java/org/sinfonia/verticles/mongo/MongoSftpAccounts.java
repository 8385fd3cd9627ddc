package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.sftp.SftpAccounts;
import org.sinfonia.web.sftp.SftpMapping;
import org.sinfonia.web.sftp.SshKeyRecord;

/**
 * SFTP keys and mappings on the user's own document ({@code users}, keyed by login): {@code
 * sshKeys} and {@code sftpMappings} arrays (mapping paths may hold dots, which MongoDB field names
 * may not). One read by {@code _id} serves a key login.
 */
public final class MongoSftpAccounts implements SftpAccounts {

  private final io.vertx.ext.mongo.MongoClient mongo;

  public MongoSftpAccounts(io.vertx.ext.mongo.MongoClient mongo) {
    this.mongo = mongo;
  }

  private static JsonObject byLogin(String login) {
    return new JsonObject().put("_id", login);
  }

  private Future<JsonObject> user(String login, String field) {
    return mongo
        .findOne(Collections.USERS, byLogin(login), new JsonObject().put(field, 1))
        .map(doc -> doc == null ? new JsonObject() : doc);
  }

  @Override
  public Future<List<SshKeyRecord>> keys(String login) {
    return user(login, "sshKeys")
        .map(
            doc -> {
              List<SshKeyRecord> out = new ArrayList<>();
              for (Object o : doc.getJsonArray("sshKeys", new JsonArray())) {
                JsonObject k = (JsonObject) o;
                out.add(
                    new SshKeyRecord(
                        k.getString("id"),
                        k.getString("fingerprint"),
                        k.getString("type"),
                        k.getString("key"),
                        k.getString("comment", ""),
                        MongoDates.read(k.getValue("added"))));
              }
              return out;
            });
  }

  @Override
  public Future<Void> addKey(String login, SshKeyRecord key) {
    return keys(login)
        .compose(
            existing -> {
              if (existing.stream().anyMatch(k -> k.id().equals(key.id()))) {
                return Future.failedFuture(
                    ApiError.conflict(
                        "SSH_KEY_EXISTS",
                        "this key is already registered (%s)",
                        key.fingerprint()));
              }
              if (existing.size() >= MAX_KEYS) {
                return Future.failedFuture(
                    ApiError.conflict("TOO_MANY_SSH_KEYS", "at most %d keys per user", MAX_KEYS));
              }
              JsonObject doc =
                  new JsonObject()
                      .put("id", key.id())
                      .put("fingerprint", key.fingerprint())
                      .put("type", key.type())
                      .put("key", key.key())
                      .put("comment", key.comment())
                      .put("added", MongoDates.of(key.added()));
              return mongo
                  .updateCollection(
                      Collections.USERS,
                      byLogin(login),
                      new JsonObject().put("$push", new JsonObject().put("sshKeys", doc)))
                  .compose(
                      r ->
                          r.getDocMatched() == 0
                              ? Future.failedFuture(
                                  ApiError.notFound("USER_NOT_FOUND", "no record for %s", login))
                              : Future.succeededFuture());
            });
  }

  @Override
  public Future<Boolean> removeKey(String login, String id) {
    return keys(login)
        .compose(
            existing -> {
              if (existing.stream().noneMatch(k -> k.id().equals(id))) {
                return Future.succeededFuture(false);
              }
              return mongo
                  .updateCollection(
                      Collections.USERS,
                      byLogin(login),
                      new JsonObject()
                          .put(
                              "$pull",
                              new JsonObject().put("sshKeys", new JsonObject().put("id", id))))
                  .map(true);
            });
  }

  @Override
  public Future<Map<String, SftpMapping>> mappings(String login) {
    return user(login, "sftpMappings")
        .map(
            doc -> {
              Map<String, SftpMapping> out = new HashMap<>();
              for (Object o : doc.getJsonArray("sftpMappings", new JsonArray())) {
                JsonObject m = (JsonObject) o;
                out.put(
                    m.getString("path"),
                    new SftpMapping(m.getString("folderId"), m.getBoolean("extractZip", false)));
              }
              return out;
            });
  }

  @Override
  public Future<Void> setMappings(String login, Map<String, SftpMapping> mappings) {
    JsonArray list = new JsonArray();
    mappings.forEach(
        (path, m) ->
            list.add(
                new JsonObject()
                    .put("path", path)
                    .put("folderId", m.folderId())
                    .put("extractZip", m.extractZip())));
    return mongo
        .updateCollection(
            Collections.USERS,
            byLogin(login),
            new JsonObject().put("$set", new JsonObject().put("sftpMappings", list)))
        .compose(
            r ->
                r.getDocMatched() == 0
                    ? Future.failedFuture(
                        ApiError.notFound("USER_NOT_FOUND", "no record for %s", login))
                    : Future.succeededFuture());
  }
}
