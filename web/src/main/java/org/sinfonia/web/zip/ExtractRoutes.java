package org.sinfonia.web.zip;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;

/**
 * {@code POST /files/{id}/extract} {@code {"folderId", "onConflict": "skip|rename|overwrite"}}:
 * extracts a stored zip into a folder as a durable job. Needs READ on the zip and WRITE on the
 * folder (checked again when the job runs); answers {@code 202 {"jobId"}}, progress, per-entry
 * errors and cancellation at {@code /jobs/{id}}.
 */
public final class ExtractRoutes {

  private final Requires requires;
  private final JobSubmitter jobs;

  public ExtractRoutes(Requires requires, JobSubmitter jobs) {
    this.requires = requires;
    this.jobs = jobs;
  }

  public void register(ApiRouter api) {
    Access readable = requires.level(Level.READ, ResourceType.FILE, "id");
    // The job runs as its owner, so there must be one (a public zip is not enough).
    api.post(
        "/files/:id/extract",
        rc -> Access.user().check(rc).compose(v -> readable.check(rc)),
        this::extract);
  }

  private void extract(RoutingContext rc) {
    Resource zip = Loaded.of(rc).resource();
    Principal caller = Caller.of(rc);
    JsonObject body = JsonBody.object(rc);
    String folderId = JsonBody.requiredString(body, "folderId");
    Object conflict = body.getValue("onConflict");
    ConflictPolicy policy =
        ConflictPolicy.parse(conflict == null ? null : String.valueOf(conflict));
    requires
        .load(caller, ResourceType.FOLDER, folderId, Level.WRITE)
        .compose(
            folder ->
                jobs.submit(
                    ExtractionJob.KIND,
                    caller.login(),
                    new ExtractionJob(zip.id(), folder.resource().id(), policy, "api").toJson()))
        .onSuccess(
            job ->
                JsonResponse.send(
                    rc,
                    202,
                    new JsonObject()
                        .put("jobId", job.id())
                        .put("fileId", zip.id())
                        .put("folderId", folderId)
                        .put("onConflict", policy.wire())))
        .onFailure(rc::fail);
  }
}
