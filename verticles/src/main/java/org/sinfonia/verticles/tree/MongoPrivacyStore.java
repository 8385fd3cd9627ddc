package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.web.privacy.PolicyJson;
import org.sinfonia.web.privacy.PrivacyStore;
import org.sinfonia.web.repo.Resource;

/**
 * The {@code privacy} field of collection and folder documents: one update by {@code _id}. Copies
 * of a folder carry it along with the rest of the document; moves leave it in place.
 */
public final class MongoPrivacyStore implements PrivacyStore {

  private static final String FIELD = "privacy";

  private final MongoClient mongo;
  private final Clock clock;

  public MongoPrivacyStore(MongoClient mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @Override
  public Future<Void> set(Resource target, PrivacyPolicy policy) {
    return update(
        target,
        new JsonObject()
            .put(
                "$set",
                new JsonObject()
                    .put(FIELD, PolicyJson.toJson(policy))
                    .put("updated", TreeDocuments.date(clock.instant()))));
  }

  @Override
  public Future<Void> clear(Resource target) {
    return update(
        target,
        new JsonObject()
            .put("$unset", new JsonObject().put(FIELD, ""))
            .put("$set", new JsonObject().put("updated", TreeDocuments.date(clock.instant()))));
  }

  private Future<Void> update(Resource target, JsonObject change) {
    return mongo
        .updateCollection(
            MongoTreeRepository.collectionOf(target.type()),
            new JsonObject().put("_id", target.id()),
            change)
        .compose(
            r ->
                r == null || r.getDocMatched() == 0
                    ? Future.failedFuture(
                        ApiError.notFound(
                            target.type().singular().toUpperCase() + "_NOT_FOUND",
                            "no %s %s",
                            target.type().singular(),
                            target.id()))
                    : Future.succeededFuture());
  }
}
