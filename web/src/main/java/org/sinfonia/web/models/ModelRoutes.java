package org.sinfonia.web.models;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.model.CardError;
import org.sinfonia.core.model.ModelCard;
import org.sinfonia.core.model.ModelCardException;
import org.sinfonia.core.model.ModelCardParser;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.repo.FileRecord;
import org.sinfonia.web.repo.Requires;

/**
 * Submission and review of AI models (docs/models.md): {@code POST /models} (an uploaded ONNX file
 * the caller can read, plus its card: 202, validated in the background), {@code GET /models/{id}},
 * {@code GET /models?status=&limit=&offset=} and {@code POST /models/{id}/review} (site
 * administrators and the reviewers group). A model the caller may not see does not exist for them.
 */
public final class ModelRoutes {

  private static final Set<String> SUBMIT_FIELDS = Set.of("fileId", "card", "supersedes");
  private static final Set<String> REVIEW_FIELDS = Set.of("decision", "comment", "visibility");
  private static final int MAX_COMMENT = 10_000;

  private final ModelRepository models;
  private final ModelAccess access;
  private final Requires requires;
  private final ModelValidator validator;
  private final Audit audit;
  private final Clock clock;

  public ModelRoutes(
      ModelRepository models,
      ModelAccess access,
      Requires requires,
      ModelValidator validator,
      Audit audit,
      Clock clock) {
    this.models = models;
    this.access = access;
    this.requires = requires;
    this.validator = validator;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(ApiRouter api) {
    api.post("/models", Access.user(), this::submit);
    api.get("/models", Access.user(), this::list);
    api.get("/models/:id", Access.user(), this::show);
    api.post("/models/:id/review", reviewer(), this::review);
  }

  /** Site administrators and members of the reviewers group; anyone else 403. */
  private Access reviewer() {
    return rc -> {
      Principal caller = Caller.of(rc);
      if (caller.anonymous()) {
        return Future.failedFuture(
            ApiError.unauthenticated("AUTHENTICATION_REQUIRED", "log in to review models"));
      }
      return access.mayReview(caller)
          ? Future.succeededFuture()
          : Future.failedFuture(
              ApiError.forbidden(
                  "REVIEWER_REQUIRED", "only site administrators and reviewers review models"));
    };
  }

  private void submit(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    JsonObject body = JsonBody.object(rc);
    refuseUnknown(body, SUBMIT_FIELDS);
    String fileId = JsonBody.requiredString(body, "fileId");
    if (!(body.getValue("card") instanceof JsonObject cardJson)) {
      throw ApiError.badRequest("MISSING_FIELD", "'card' must be a JSON object (the model card)");
    }
    Object supersedesValue = body.getValue("supersedes");
    if (supersedesValue != null && !(supersedesValue instanceof String)) {
      throw ApiError.badRequest("WRONG_TYPE", "'supersedes' must be a model id");
    }
    String supersedes = (String) supersedesValue;
    ModelCard card;
    try {
      card = ModelCardParser.parse(cardJson.getMap());
    } catch (ModelCardException e) {
      sendCardErrors(rc, e.errors());
      return;
    }
    requires
        .load(caller, ResourceType.FILE, fileId, Level.READ)
        .compose(
            loaded -> {
              FileRecord file = loaded.resource().asFile();
              return place(caller, card.name(), supersedes)
                  .compose(
                      place -> {
                        String id = UUID.randomUUID().toString().replace("-", "");
                        var now = clock.instant();
                        return models.insert(
                            new Model(
                                id,
                                place.lineage() == null ? id : place.lineage(),
                                place.version(),
                                place.supersedes(),
                                card.name(),
                                caller.login(),
                                cardJson.copy(),
                                file.id(),
                                file.sha256(),
                                file.size(),
                                ModelStatus.VALIDATING,
                                List.of(),
                                new JsonObject(),
                                null,
                                null,
                                now,
                                now));
                      });
            })
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    "model.submit",
                    "model",
                    ar.succeeded() ? ar.result().id() : "",
                    ar.cause(),
                    "file " + fileId))
        .onSuccess(
            model -> {
              JsonResponse.send(rc, 202, view(model));
              validator.validate(model);
            })
        .onFailure(rc::fail);
  }

  /**
   * Where a new submission goes among the versions: lineage (null: a new model), number, parent.
   */
  private record Place(String lineage, int version, String supersedes) {}

  private Future<Place> place(Principal caller, String name, String supersedes) {
    if (supersedes != null) {
      return models
          .find(supersedes)
          .compose(
              found -> {
                if (found.isEmpty() || !access.maySee(caller, found.get())) {
                  return Future.failedFuture(notFound(supersedes));
                }
                Model old = found.get();
                if (!old.submitter().equals(caller.login()) && !caller.admin()) {
                  return Future.failedFuture(
                      ApiError.forbidden(
                          "NOT_SUBMITTER",
                          "only the submitter of model %s may submit its next version",
                          supersedes));
                }
                return models
                    .newestOf(old.lineage())
                    .map(
                        newest ->
                            new Place(
                                old.lineage(),
                                newest.map(Model::version).orElse(old.version()) + 1,
                                old.id()));
              });
    }
    return models
        .newestByName(caller.login(), Model.nameKey(name))
        .map(
            newest ->
                newest
                    .map(m -> new Place(m.lineage(), m.version() + 1, m.id()))
                    .orElse(new Place(null, 1, null)));
  }

  private void show(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    String id = rc.pathParam("id");
    visible(caller, id)
        .compose(
            model ->
                models
                    .versions(model.lineage())
                    .map(
                        versions ->
                            view(model)
                                .mergeIn(
                                    versionsView(
                                        versions.stream()
                                            .filter(v -> access.maySee(caller, v))
                                            .toList()))))
        .onSuccess(json -> JsonResponse.ok(rc, json))
        .onFailure(rc::fail);
  }

  private Future<Model> visible(Principal caller, String id) {
    return models
        .find(id)
        .compose(
            found ->
                found.isPresent() && access.maySee(caller, found.get())
                    ? Future.succeededFuture(found.get())
                    : Future.failedFuture(notFound(id)));
  }

  private void list(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    Paging paging =
        Paging.parse(rc.queryParams().get("limit"), rc.queryParams().get("offset"), null, 50, 500);
    String statusParam = rc.queryParams().get("status");
    ModelStatus status = null;
    if (statusParam != null && !statusParam.isBlank()) {
      status =
          ModelStatus.fromWire(statusParam)
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          "INVALID_STATUS",
                          "status is validating, pending-review, rejected or approved"));
    }
    models
        .list(caller, access.mayReview(caller), status, paging.limit(), paging.offset())
        .onSuccess(
            list -> {
              JsonArray out = new JsonArray();
              list.forEach(m -> out.add(view(m)));
              JsonResponse.ok(rc, out);
            })
        .onFailure(rc::fail);
  }

  private void review(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    String id = rc.pathParam("id");
    JsonObject body = JsonBody.object(rc);
    refuseUnknown(body, REVIEW_FIELDS);
    String decision = JsonBody.requiredString(body, "decision");
    if (!decision.equals("approve") && !decision.equals("reject")) {
      throw ApiError.badRequest("INVALID_DECISION", "'decision' is approve or reject");
    }
    Object commentValue = body.getValue("comment");
    if (commentValue != null && (!(commentValue instanceof String c) || c.length() > MAX_COMMENT)) {
      throw ApiError.badRequest(
          "INVALID_COMMENT", "'comment' is a string of at most %d characters", MAX_COMMENT);
    }
    String comment = commentValue == null ? "" : (String) commentValue;
    boolean approve = decision.equals("approve");
    Visibility visibility = null;
    if (approve) {
      if (!body.containsKey("visibility")) {
        throw ApiError.badRequest(
            "MISSING_FIELD", "approving needs 'visibility': who may see and run the model");
      }
      visibility = Visibility.parse(body.getValue("visibility"));
    } else if (body.containsKey("visibility")) {
      throw ApiError.badRequest("CONFLICT", "'visibility' belongs to an approval only");
    }
    Visibility granted = visibility;
    Model.Review review = new Model.Review(caller.login(), decision, comment, clock.instant());
    List<Model.Reason> reasons =
        approve
            ? List.of()
            : List.of(
                new Model.Reason(
                    "REJECTED_BY_REVIEWER",
                    comment.isBlank() ? "rejected by " + caller.login() : comment));
    models
        .find(id)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(notFound(id));
              }
              if (found.get().status() != ModelStatus.PENDING_REVIEW) {
                return Future.failedFuture(notPending(found.get()));
              }
              return models
                  .reviewed(
                      id,
                      approve ? ModelStatus.APPROVED : ModelStatus.REJECTED,
                      granted,
                      reasons,
                      review)
                  .compose(
                      done ->
                          done.isPresent()
                              ? Future.succeededFuture(done.get())
                              : models
                                  .find(id)
                                  .compose(
                                      now ->
                                          Future.<Model>failedFuture(
                                              now.map(ModelRoutes::notPending)
                                                  .orElse(notFound(id)))));
            })
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    approve ? "model.approve" : "model.reject",
                    "model",
                    id,
                    ar.cause(),
                    approve ? "visibility " + granted.toJson().encode() : null))
        .onSuccess(model -> JsonResponse.ok(rc, view(model)))
        .onFailure(rc::fail);
  }

  private static ApiError notPending(Model model) {
    return ApiError.conflict(
        "MODEL_NOT_PENDING_REVIEW",
        "model %s is %s, not pending review",
        model.id(),
        model.status().wire());
  }

  private static ApiError notFound(String id) {
    return ApiError.notFound("MODEL_NOT_FOUND", "no model %s", id);
  }

  private static void refuseUnknown(JsonObject body, Set<String> allowed) {
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw ApiError.badRequest(
            "UNKNOWN_FIELD", "unknown field '%s' (allowed: %s)", field, allowed);
      }
    }
  }

  /**
   * A card that does not parse: 400 with the usual {@code error}/{@code message} and every problem
   * the parser found.
   */
  private static void sendCardErrors(RoutingContext rc, List<CardError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(
        e ->
            list.add(
                new JsonObject()
                    .put("code", e.code().name())
                    .put("path", e.path())
                    .put("message", e.message())));
    JsonResponse.send(
        rc,
        400,
        new JsonObject()
            .put("error", "INVALID_MODEL_CARD")
            .put("message", "the model card has " + errors.size() + " problem(s)")
            .put("errors", list));
  }

  /** A model as the API shows it. */
  static JsonObject view(Model m) {
    JsonArray reasons = new JsonArray();
    m.reasons().forEach(r -> reasons.add(r.toJson()));
    return new JsonObject()
        .put("id", m.id())
        .put("name", m.name())
        .put("status", m.status().wire())
        .put("version", m.version())
        .put("lineage", m.lineage())
        .put("supersedes", m.supersedes())
        .put("submitter", m.submitter())
        .put("fileId", m.fileId())
        .put("sha256", m.sha256())
        .put("size", m.size())
        .put("card", m.card())
        .put("reasons", reasons)
        .put("validation", m.validation())
        .put("visibility", m.visibility() == null ? null : m.visibility().toJson())
        .put("review", m.review() == null ? null : m.review().toJson())
        .put("created", m.created().toString())
        .put("updated", m.updated().toString());
  }

  /**
   * The versions the caller may see, oldest first, and {@code current}: the newest approved one,
   * which new runs use (null when none is approved).
   */
  static JsonObject versionsView(List<Model> versions) {
    String current =
        versions.stream()
            .filter(v -> v.status() == ModelStatus.APPROVED)
            .reduce((a, b) -> b.version() > a.version() ? b : a)
            .map(Model::id)
            .orElse(null);
    JsonArray list = new JsonArray();
    versions.forEach(
        v ->
            list.add(
                new JsonObject()
                    .put("id", v.id())
                    .put("version", v.version())
                    .put("cardVersion", v.card().getString("version"))
                    .put("status", v.status().wire())
                    .put("current", v.id().equals(current))
                    .put("created", v.created().toString())));
    return new JsonObject().put("versions", list).put("current", current);
  }
}
