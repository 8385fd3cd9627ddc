package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.jobs.JobKinds;
import org.sinfonia.web.jobs.JobSubmitter;

/**
 * {@code GET|PUT /{collections|folders}/{id}/access[?recurse=true]}. A change applies to everything
 * below that inherits through the resource; {@code recurse=true} also overrides folders that had
 * ACLs of their own, and over a subtree larger than the configured threshold runs as a durable job
 * ({@code 202} with its id).
 */
public final class AccessRoutes {

  /** The job kind of an access change pushed down a large subtree. */
  private final TreeRepository tree;

  private final Requires requires;
  private final Audit audit;
  private final JobSubmitter jobs;
  private final int jobThreshold;

  public AccessRoutes(
      TreeRepository tree, Requires requires, Audit audit, JobSubmitter jobs, int jobThreshold) {
    this.tree = tree;
    this.requires = requires;
    this.audit = audit;
    this.jobs = jobs;
    this.jobThreshold = jobThreshold;
  }

  public void register(ApiRouter api) {
    for (ResourceType type : new ResourceType[] {ResourceType.COLLECTION, ResourceType.FOLDER}) {
      String path = "/" + type.plural() + "/:id/access";
      api.get(path, requires.level(Level.ADMIN, type, "id"), this::get);
      api.put(path, requires.level(Level.ADMIN, type, "id"), this::put);
    }
  }

  private void get(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    JsonResponse.ok(
        rc,
        AclJson.toJson(r.acl())
            .put("ownAcl", r.type() == ResourceType.COLLECTION || r.asFolder().ownAcl()));
  }

  private void put(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    Acl acl = AclJson.fromRequest(JsonBody.object(rc));
    boolean recurse = "true".equalsIgnoreCase(rc.queryParams().get("recurse"));
    String detail = AclJson.toJson(acl).put("recurse", recurse).encode();
    Future<Long> size = recurse ? tree.countSubtreeFolders(r) : Future.succeededFuture(0L);
    size.compose(
            folders -> {
              if (folders <= jobThreshold) {
                return tree.setAcl(r, acl, recurse)
                    .andThen(
                        ar ->
                            audit.record(
                                Caller.actor(rc),
                                "access.change",
                                r.type().singular(),
                                r.id(),
                                ar.cause(),
                                detail))
                    .onSuccess(v -> JsonResponse.ok(rc, AclJson.toJson(acl).put("ownAcl", true)));
              }
              JsonObject params =
                  new JsonObject()
                      .put("type", r.type().singular())
                      .put("id", r.id())
                      .put("acl", AclJson.toJson(acl));
              return jobs.submit(JobKinds.ACCESS_RECURSE, Caller.of(rc).login(), params)
                  .andThen(
                      ar ->
                          audit.record(
                              Caller.actor(rc),
                              "access.change",
                              r.type().singular(),
                              r.id(),
                              ar.cause(),
                              detail
                                  + " (job "
                                  + (ar.succeeded() ? ar.result().id() : "not started")
                                  + ")"))
                  .onSuccess(
                      job ->
                          JsonResponse.send(
                              rc,
                              202,
                              AclJson.toJson(acl)
                                  .put("ownAcl", true)
                                  .put("jobId", job.id())
                                  .put("folders", folders)))
                  .mapEmpty();
            })
        .onFailure(rc::fail);
  }
}
