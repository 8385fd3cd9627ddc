package org.sinfonia.web.jobs;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.OwnerPolicy;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.Caller;

/**
 * The access declaration for routes on one job ({@code /jobs/:id}): load it, decide with {@link
 * OwnerPolicy}, and leave it on the context for the handler ({@link #job}); a job the caller may
 * not use is not found.
 */
public final class RequiresJob {

  private static final String JOB = "sinfonia.job";

  private final JobRepository jobs;

  public RequiresJob(JobRepository jobs) {
    this.jobs = jobs;
  }

  public Access owner(String pathParam) {
    return rc -> {
      Principal caller = Caller.of(rc);
      if (caller.anonymous()) {
        return Future.failedFuture(
            ApiError.unauthenticated("AUTHENTICATION_REQUIRED", "log in to see jobs"));
      }
      String id = rc.pathParam(pathParam);
      return jobs.find(id)
          .compose(
              job -> {
                if (job.isEmpty() || !OwnerPolicy.mayUse(caller, job.get().owner())) {
                  return Future.failedFuture(ApiError.notFound("JOB_NOT_FOUND", "no job %s", id));
                }
                rc.put(JOB, job.get());
                return Future.succeededFuture();
              });
    };
  }

  /** The job {@link #owner} loaded for this request. */
  public static Job job(RoutingContext rc) {
    return rc.get(JOB);
  }
}
