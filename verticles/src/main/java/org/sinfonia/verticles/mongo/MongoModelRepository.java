package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.models.Model;
import org.sinfonia.web.models.ModelRepository;
import org.sinfonia.web.models.ModelStatus;
import org.sinfonia.web.models.Visibility;

/**
 * Model versions in MongoDB, {@code _id} = model id. {@code versionKey} ({@code lineage|version})
 * is unique, so two racing submissions cannot both become the same version; status changes are
 * {@code findOneAndUpdate}s conditional on the current status.
 */
public final class MongoModelRepository implements ModelRepository {

  private static final UpdateOptions RETURN_NEW = new UpdateOptions().setReturningNewDocument(true);

  private final MongoClient mongo;
  private final Clock clock;

  public MongoModelRepository(MongoClient mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  @Override
  public Future<Model> insert(Model m) {
    return mongo
        .insert(Collections.MODELS, document(m))
        .map(id -> m)
        .recover(
            e ->
                duplicateKey(e)
                    ? Future.failedFuture(
                        ApiError.conflict(
                            "MODEL_VERSION_TAKEN",
                            "version %d of this model was submitted at the same time; submit"
                                + " again",
                            m.version()))
                    : Future.failedFuture(e));
  }

  @Override
  public Future<Optional<Model>> find(String id) {
    if (id == null || id.isBlank() || id.length() > 64) {
      return Future.succeededFuture(Optional.empty());
    }
    return mongo
        .findOne(Collections.MODELS, new JsonObject().put("_id", id), null)
        .map(d -> Optional.ofNullable(d).map(MongoModelRepository::model));
  }

  @Override
  public Future<Optional<Model>> newestByName(String submitter, String nameKey) {
    return newest(new JsonObject().put("submitter", submitter).put("nameKey", nameKey));
  }

  @Override
  public Future<Optional<Model>> newestOf(String lineage) {
    return newest(new JsonObject().put("lineage", lineage));
  }

  private Future<Optional<Model>> newest(JsonObject query) {
    return mongo
        .findWithOptions(
            Collections.MODELS,
            query,
            new FindOptions().setSort(new JsonObject().put("version", -1)).setLimit(1))
        .map(docs -> docs.stream().findFirst().map(MongoModelRepository::model));
  }

  @Override
  public Future<List<Model>> versions(String lineage) {
    return mongo
        .findWithOptions(
            Collections.MODELS,
            new JsonObject().put("lineage", lineage),
            new FindOptions().setSort(new JsonObject().put("version", 1)))
        .map(docs -> docs.stream().map(MongoModelRepository::model).toList());
  }

  @Override
  public Future<List<Model>> list(
      Principal caller, boolean everything, ModelStatus status, int limit, long offset) {
    JsonObject query = new JsonObject();
    if (!everything) {
      JsonArray visible =
          new JsonArray()
              .add(new JsonObject().put("submitter", caller.login()))
              .add(
                  new JsonObject()
                      .put("status", ModelStatus.APPROVED.wire())
                      .put("visibility.everyone", true));
      if (!caller.groups().isEmpty()) {
        visible.add(
            new JsonObject()
                .put("status", ModelStatus.APPROVED.wire())
                .put(
                    "visibility.groups",
                    new JsonObject().put("$in", new JsonArray(new ArrayList<>(caller.groups())))));
      }
      query.put("$or", visible);
    }
    if (status != null) {
      query.put("status", status.wire());
    }
    return mongo
        .findWithOptions(
            Collections.MODELS,
            query,
            new FindOptions()
                .setSort(new JsonObject().put("created", -1))
                .setLimit(limit)
                .setSkip((int) Math.min(offset, Integer.MAX_VALUE)))
        .map(docs -> docs.stream().map(MongoModelRepository::model).toList());
  }

  @Override
  public Future<Boolean> validated(
      String id, ModelStatus status, List<Model.Reason> reasons, JsonObject validation) {
    JsonObject set =
        new JsonObject()
            .put("status", status.wire())
            .put("reasons", reasons(reasons))
            .put("validation", validation)
            .put("updated", MongoDates.of(clock.instant()));
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.MODELS,
            new JsonObject().put("_id", id).put("status", ModelStatus.VALIDATING.wire()),
            new JsonObject().put("$set", set),
            new FindOptions(),
            RETURN_NEW)
        .map(d -> d != null);
  }

  @Override
  public Future<Optional<Model>> reviewed(
      String id,
      ModelStatus status,
      Visibility visibility,
      List<Model.Reason> reasons,
      Model.Review review) {
    JsonObject set =
        new JsonObject()
            .put("status", status.wire())
            .put("reasons", reasons(reasons))
            .put("visibility", visibility == null ? null : visibility.toJson())
            .put("review", review.toJson().put("at", MongoDates.of(review.at())))
            .put("updated", MongoDates.of(clock.instant()));
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.MODELS,
            new JsonObject().put("_id", id).put("status", ModelStatus.PENDING_REVIEW.wire()),
            new JsonObject().put("$set", set),
            new FindOptions(),
            RETURN_NEW)
        .map(d -> Optional.ofNullable(d).map(MongoModelRepository::model));
  }

  @Override
  public Future<List<Model>> validating() {
    return mongo
        .find(Collections.MODELS, new JsonObject().put("status", ModelStatus.VALIDATING.wire()))
        .map(docs -> docs.stream().map(MongoModelRepository::model).toList());
  }

  private static JsonArray reasons(List<Model.Reason> reasons) {
    JsonArray out = new JsonArray();
    reasons.forEach(r -> out.add(r.toJson()));
    return out;
  }

  private static JsonObject document(Model m) {
    return new JsonObject()
        .put("_id", m.id())
        .put("lineage", m.lineage())
        .put("version", m.version())
        .put("versionKey", m.lineage() + "|" + m.version())
        .put("supersedes", m.supersedes())
        .put("name", m.name())
        .put("nameKey", Model.nameKey(m.name()))
        .put("submitter", m.submitter())
        .put("card", m.card())
        .put("fileId", m.fileId())
        .put("sha256", m.sha256())
        .put("size", m.size())
        .put("status", m.status().wire())
        .put("reasons", reasons(m.reasons()))
        .put("validation", m.validation())
        .put("visibility", m.visibility() == null ? null : m.visibility().toJson())
        .put("review", m.review() == null ? null : m.review().toJson())
        .put("created", MongoDates.of(m.created()))
        .put("updated", MongoDates.of(m.updated()));
  }

  private static Model model(JsonObject d) {
    List<Model.Reason> reasons = new ArrayList<>();
    JsonArray stored = d.getJsonArray("reasons", new JsonArray());
    for (int i = 0; i < stored.size(); i++) {
      JsonObject r = stored.getJsonObject(i);
      reasons.add(new Model.Reason(r.getString("code"), r.getString("message")));
    }
    JsonObject v = d.getJsonObject("visibility");
    JsonObject r = d.getJsonObject("review");
    return new Model(
        d.getString("_id"),
        d.getString("lineage"),
        d.getInteger("version", 1),
        d.getString("supersedes"),
        d.getString("name"),
        d.getString("submitter"),
        d.getJsonObject("card", new JsonObject()),
        d.getString("fileId"),
        d.getString("sha256"),
        d.getLong("size", 0L),
        ModelStatus.fromWire(d.getString("status")).orElse(ModelStatus.REJECTED),
        reasons,
        d.getJsonObject("validation", new JsonObject()),
        v == null ? null : Visibility.parse(v),
        r == null
            ? null
            : new Model.Review(
                r.getString("reviewer"),
                r.getString("decision"),
                r.getString("comment", ""),
                MongoDates.read(r.getValue("at"))),
        MongoDates.read(d.getValue("created")),
        MongoDates.read(d.getValue("updated")));
  }

  private static boolean duplicateKey(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("E11000") || m.contains("duplicate key");
  }
}
