package org.sinfonia.verticles.tree;

import io.vertx.core.json.JsonObject;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.verticles.jobs.JobHandler;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobKinds;
import org.sinfonia.web.repo.AclJson;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;

/**
 * An access change with {@code recurse=true} over a large subtree, as a durable job. Applying the
 * same ACL again is harmless, so a job interrupted by a crash simply runs again.
 */
public final class AccessJob implements JobHandler {

  public static final String KIND = JobKinds.ACCESS_RECURSE;

  private final TreeRepository tree;

  public AccessJob(TreeRepository tree) {
    this.tree = tree;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonObject run(Job job, JobContext context) {
    JsonObject p = job.params();
    ResourceType type = ResourceType.ofSingular(p.getString("type"));
    Resource target =
        JobContext.await(tree.find(type, p.getString("id")))
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "TARGET_GONE",
                        "the %s was deleted before its access changed",
                        type.singular()));
    JobContext.await(tree.setAcl(target, AclJson.fromStored(p.getJsonObject("acl")), true));
    context.progress(new JsonObject().put("done", 1).put("total", 1), null);
    return new JsonObject().put("id", target.id()).put("type", type.singular());
  }
}
