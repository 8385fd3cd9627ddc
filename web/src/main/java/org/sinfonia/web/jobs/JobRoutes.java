package org.sinfonia.web.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonResponse;

/**
 * {@code GET /jobs/{id}} (state, progress, errors), {@code DELETE /jobs/{id}} (cancel; what was
 * done stays), {@code GET /jobs?state=&limit=&offset=} (one's own; every job for site
 * administrators). A job is visible to its owner and site administrators only; to others it does
 * not exist.
 */
public final class JobRoutes {

  private final JobRepository jobs;
  private final RequiresJob requires;

  public JobRoutes(JobRepository jobs) {
    this.jobs = jobs;
    this.requires = new RequiresJob(jobs);
  }

  public void register(ApiRouter api) {
    api.get("/jobs", Access.user(), this::list);
    api.get(
        "/jobs/:id",
        requires.owner("id"),
        rc -> JsonResponse.ok(rc, JobView.of(RequiresJob.job(rc))));
    api.delete("/jobs/:id", requires.owner("id"), this::cancel);
  }

  private void list(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    Paging paging =
        Paging.parse(rc.queryParams().get("limit"), rc.queryParams().get("offset"), null, 50, 500);
    String state = rc.queryParams().get("state");
    boolean all = caller.admin() && !"false".equals(rc.queryParams().get("all"));
    jobs.list(all ? null : caller.login(), state, paging.limit(), paging.offset())
        .onSuccess(
            list -> {
              JsonArray out = new JsonArray();
              list.forEach(j -> out.add(JobView.of(j)));
              JsonResponse.ok(rc, out);
            })
        .onFailure(rc::fail);
  }

  private void cancel(RoutingContext rc) {
    Job job = RequiresJob.job(rc);
    if (job.state().finished()) {
      throw ApiError.conflict(
          "JOB_FINISHED", "job %s has already ended (%s)", job.id(), job.state().wire());
    }
    jobs.requestCancel(job.id())
        .onSuccess(j -> JsonResponse.send(rc, 202, JobView.of(j.orElse(job))))
        .onFailure(rc::fail);
  }
}
