package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.web.auth.UserRecord;
import org.sinfonia.web.auth.UserRepository;

/** Users keyed by login ({@code _id}); directory facts are refreshed at each login. */
public final class MongoUserRepository implements UserRepository {

  private final MongoClient mongo;
  private final Clock clock;

  public MongoUserRepository(MongoClient mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @Override
  public Future<UserRecord> recordLogin(Principal principal) {
    Instant now = clock.instant();
    JsonObject set = PrincipalDocuments.fields(principal).put("lastLogin", MongoDates.of(now));
    JsonObject update =
        new JsonObject()
            .put("$set", set)
            .put("$setOnInsert", new JsonObject().put("firstLogin", MongoDates.of(now)));
    JsonObject byLogin = new JsonObject().put("_id", principal.login());
    return mongo
        .updateCollectionWithOptions(
            Collections.USERS, byLogin, update, new UpdateOptions().setUpsert(true))
        .compose(r -> find(principal.login()))
        .map(
            found ->
                found.orElseThrow(
                    () -> new IllegalStateException("user record vanished: " + principal.login())));
  }

  @Override
  public Future<Optional<UserRecord>> find(String login) {
    return mongo
        .findOne(Collections.USERS, new JsonObject().put("_id", login), null)
        .map(doc -> Optional.ofNullable(doc).map(MongoUserRepository::read));
  }

  @Override
  public Future<Void> setHomeFolder(String login, String folderId) {
    return mongo
        .updateCollection(
            Collections.USERS,
            new JsonObject().put("_id", login),
            new JsonObject().put("$set", new JsonObject().put("homeFolderId", folderId)))
        .mapEmpty();
  }

  @Override
  public Future<List<UserRecord>> findByPrefix(String prefix, int limit) {
    JsonObject starts = startsWith(prefix);
    JsonObject query =
        new JsonObject()
            .put(
                "$or",
                new JsonArray()
                    .add(new JsonObject().put("_id", starts))
                    .add(new JsonObject().put("name", starts)));
    return mongo
        .findWithOptions(
            Collections.USERS,
            query,
            new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(limit))
        .map(docs -> docs.stream().map(MongoUserRepository::read).toList());
  }

  @Override
  public Future<List<String>> groupsByPrefix(String prefix, int limit) {
    String lower = prefix.toLowerCase(Locale.ROOT);
    // Users carry their groups; a consortium has at most a few thousand users, so one projected
    // scan is cheap.
    return mongo
        .findWithOptions(
            Collections.USERS,
            new JsonObject().put("groups", startsWith(prefix)),
            new FindOptions().setFields(new JsonObject().put("groups", 1)))
        .map(
            docs -> {
              TreeSet<String> names = new TreeSet<>();
              docs.forEach(
                  d ->
                      d.getJsonArray("groups", new JsonArray())
                          .forEach(
                              g -> {
                                String name = String.valueOf(g);
                                if (name.toLowerCase(Locale.ROOT).startsWith(lower)) {
                                  names.add(name);
                                }
                              }));
              return names.stream().limit(limit).toList();
            });
  }

  private static JsonObject startsWith(String prefix) {
    StringBuilder quoted = new StringBuilder("^");
    for (char c : prefix.toCharArray()) {
      if ("\\^$.|?*+()[]{}-/".indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return new JsonObject().put("$regex", quoted.toString()).put("$options", "i");
  }

  static UserRecord read(JsonObject doc) {
    return new UserRecord(
        PrincipalDocuments.read(doc),
        MongoDates.read(doc.getValue("firstLogin")),
        MongoDates.read(doc.getValue("lastLogin")),
        doc.getString("homeFolderId"));
  }
}
