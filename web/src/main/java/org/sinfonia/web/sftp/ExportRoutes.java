package org.sinfonia.web.sftp;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.jobs.JobKinds;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;

/**
 * {@code POST /folders/{id}/export-sftp}: a job that places the folder's readable files (subfolders
 * included) under {@code /outbox/<folder name>/} of the caller's SFTP area. Answers 202 with the
 * job id; progress at {@code GET /jobs/{id}}.
 */
public final class ExportRoutes {

  /** The job kind the SFTP export worker runs. */
  private final Requires requires;

  private final JobSubmitter jobs;

  public ExportRoutes(Requires requires, JobSubmitter jobs) {
    this.requires = requires;
    this.jobs = jobs;
  }

  public void register(ApiRouter api) {
    Access readable = requires.level(Level.READ, ResourceType.FOLDER, "id");
    // An export lands in the caller's own SFTP area, so there must be a caller (a public folder is
    // not enough).
    api.post(
        "/folders/:id/export-sftp",
        rc -> Access.user().check(rc).compose(v -> readable.check(rc)),
        this::export);
  }

  private void export(RoutingContext rc) {
    Resource folder = Loaded.of(rc).resource();
    String login = Caller.of(rc).login();
    jobs.submit(JobKinds.SFTP_EXPORT, login, new JsonObject().put("folderId", folder.id()))
        .onSuccess(
            job ->
                JsonResponse.send(
                    rc,
                    202,
                    new JsonObject()
                        .put("jobId", job.id())
                        .put("folderId", folder.id())
                        .put("outbox", "/outbox/" + folder.name() + "/")))
        .onFailure(rc::fail);
  }
}
