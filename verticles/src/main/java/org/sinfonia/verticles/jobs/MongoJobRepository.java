package org.sinfonia.verticles.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sinfonia.core.jobs.JobState;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobRepository;

/**
 * Jobs in MongoDB, keyed by {@code _id}; every state change is one atomic {@code findOneAndUpdate}.
 */
public final class MongoJobRepository implements JobRepository {

  private static final int MAX_ERRORS = 1000;
  private static final UpdateOptions RETURN_NEW = new UpdateOptions().setReturningNewDocument(true);

  private final MongoClient mongo;
  private final Clock clock;

  public MongoJobRepository(MongoClient mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  private JsonObject now() {
    return new JsonObject().put("$date", clock.instant().toString());
  }

  private JsonObject inFuture(Duration d) {
    return new JsonObject().put("$date", clock.instant().plus(d).toString());
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }

  @Override
  public Future<Job> create(String kind, String owner, JsonObject params) {
    JsonObject doc =
        new JsonObject()
            .put("_id", UUID.randomUUID().toString().replace("-", ""))
            .put("kind", kind)
            .put("owner", owner)
            .put("params", params)
            .put("state", JobState.QUEUED.wire())
            .put("attempts", 0)
            .put("progress", new JsonObject())
            .put("errors", new JsonArray())
            .put("created", now())
            .put("updated", now());
    return mongo.insert(Collections.JOBS, doc).map(id -> JobDocuments.job(doc));
  }

  @Override
  public Future<Optional<Job>> find(String id) {
    return mongo
        .findOne(Collections.JOBS, byId(id), null)
        .map(d -> Optional.ofNullable(d).map(JobDocuments::job));
  }

  @Override
  public Future<List<Job>> list(String owner, String state, int limit, long offset) {
    JsonObject q = new JsonObject();
    if (owner != null) {
      q.put("owner", owner);
    }
    if (state != null && !state.isBlank()) {
      q.put("state", state.toLowerCase());
    }
    return mongo
        .findWithOptions(
            Collections.JOBS,
            q,
            new FindOptions()
                .setSort(new JsonObject().put("created", -1))
                .setLimit(limit)
                .setSkip((int) Math.min(offset, Integer.MAX_VALUE)))
        .map(docs -> docs.stream().map(JobDocuments::job).toList());
  }

  private JsonObject claimable() {
    return new JsonObject()
        .put(
            "$or",
            new JsonArray()
                .add(new JsonObject().put("state", JobState.QUEUED.wire()))
                .add(
                    new JsonObject()
                        .put("state", JobState.RUNNING.wire())
                        .put("leaseUntil", new JsonObject().put("$lt", now()))));
  }

  @Override
  public Future<Optional<Job>> claim(String id, String worker, Duration lease) {
    JsonObject query = claimable().put("_id", id);
    JsonObject update =
        new JsonObject()
            .put(
                "$set",
                new JsonObject()
                    .put("state", JobState.RUNNING.wire())
                    .put("claimedBy", worker)
                    .put("leaseUntil", inFuture(lease))
                    .put("updated", now()))
            .put("$inc", new JsonObject().put("attempts", 1));
    return mongo
        .findOneAndUpdateWithOptions(Collections.JOBS, query, update, new FindOptions(), RETURN_NEW)
        .map(d -> Optional.ofNullable(d).map(JobDocuments::job));
  }

  @Override
  public Future<Job> progress(
      String id, JsonObject progress, JsonObject checkpoint, Duration lease) {
    JsonObject set =
        new JsonObject()
            .put("progress", progress)
            .put("leaseUntil", inFuture(lease))
            .put("updated", now());
    if (checkpoint != null) {
      set.put("checkpoint", checkpoint);
    }
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.JOBS,
            byId(id),
            new JsonObject().put("$set", set),
            new FindOptions(),
            RETURN_NEW)
        .map(JobDocuments::job);
  }

  @Override
  public Future<Void> addError(String id, JsonObject error) {
    JsonObject push =
        new JsonObject()
            .put(
                "errors",
                new JsonObject()
                    .put("$each", new JsonArray().add(error))
                    .put("$slice", -MAX_ERRORS));
    return mongo
        .updateCollection(Collections.JOBS, byId(id), new JsonObject().put("$push", push))
        .mapEmpty();
  }

  @Override
  public Future<Void> finish(String id, JsonObject result) {
    return end(id, JobState.DONE, new JsonObject().put("result", result));
  }

  @Override
  public Future<Void> cancel(String id) {
    return end(id, JobState.CANCELLED, new JsonObject());
  }

  private Future<Void> end(String id, JobState state, JsonObject extra) {
    JsonObject set = extra.put("state", state.wire()).put("updated", now()).put("finished", now());
    return mongo
        .updateCollectionWithOptions(
            Collections.JOBS,
            byId(id),
            new JsonObject().put("$set", set).put("$unset", new JsonObject().put("leaseUntil", "")),
            new UpdateOptions())
        .mapEmpty();
  }

  @Override
  public Future<Boolean> failOrRetry(String id, String reason, int maxAttempts) {
    return find(id)
        .compose(
            job -> {
              if (job.isEmpty()) {
                return Future.succeededFuture(false);
              }
              boolean again = job.get().attempts() < maxAttempts && !job.get().cancelRequested();
              JsonObject set =
                  new JsonObject()
                      .put("failure", reason)
                      .put("updated", now())
                      .put("state", (again ? JobState.QUEUED : JobState.FAILED).wire());
              return mongo
                  .updateCollection(Collections.JOBS, byId(id), new JsonObject().put("$set", set))
                  .map(again);
            });
  }

  @Override
  public Future<Optional<Job>> requestCancel(String id) {
    JsonObject queued = byId(id).put("state", JobState.QUEUED.wire());
    JsonObject cancelNow =
        new JsonObject()
            .put(
                "$set",
                new JsonObject()
                    .put("state", JobState.CANCELLED.wire())
                    .put("cancelRequested", true)
                    .put("updated", now())
                    .put("finished", now()));
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.JOBS, queued, cancelNow, new FindOptions(), RETURN_NEW)
        .compose(
            done ->
                done != null
                    ? Future.succeededFuture(Optional.of(JobDocuments.job(done)))
                    : mongo
                        .findOneAndUpdateWithOptions(
                            Collections.JOBS,
                            byId(id),
                            new JsonObject()
                                .put(
                                    "$set",
                                    new JsonObject()
                                        .put("cancelRequested", true)
                                        .put("updated", now())),
                            new FindOptions(),
                            RETURN_NEW)
                        .map(d -> Optional.ofNullable(d).map(JobDocuments::job)));
  }

  @Override
  public Future<List<Job>> unfinished() {
    return mongo
        .find(Collections.JOBS, claimable())
        .map(docs -> docs.stream().map(JobDocuments::job).toList());
  }
}
