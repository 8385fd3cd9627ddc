package org.sinfonia.verticles.preview;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.verticles.jobs.JobHandler;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.preview.PreviewImage;
import org.sinfonia.web.preview.PreviewParams;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeReader;

/**
 * The {@code preview} job: renders a file's previews at ingest (params {@code fileId}, {@code
 * sizes}, and {@code series} for the first DICOM instance of a series part, which is then known to
 * be DICOM), on the job pool, into the same cache the API reads. Idempotent: a preview already
 * cached is not rendered again, so a job re-run after a crash costs a lookup. A file deleted before
 * its job ran is skipped.
 */
public final class PreviewWorker implements JobHandler {

  public static final String KIND = "preview";

  private final TreeReader tree;
  private final Previews previews;

  public PreviewWorker(TreeReader tree, Previews previews) {
    this.tree = tree;
    this.previews = previews;
  }

  public static JsonObject params(String fileId, java.util.List<String> sizes, String seriesPart) {
    JsonObject p = new JsonObject().put("fileId", fileId).put("sizes", new JsonArray(sizes));
    return seriesPart == null ? p : p.put("series", seriesPart);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonObject run(Job job, JobContext context) throws Exception {
    String fileId = job.params().getString("fileId");
    Optional<Resource> file = JobContext.await(tree.find(ResourceType.FILE, fileId));
    JsonObject result = new JsonObject().put("fileId", fileId);
    if (file.isEmpty()) {
      return result.put("skipped", "the file was deleted before its preview was made");
    }
    JsonArray sizes = job.params().getJsonArray("sizes", new JsonArray().add("128"));
    JsonArray made = new JsonArray();
    int done = 0;
    for (Object size : sizes) {
      PreviewImage image =
          previews.warm(
              file.get(),
              PreviewParams.of(PreviewParams.size(String.valueOf(size))),
              job.params().containsKey("series"));
      JsonObject one =
          new JsonObject()
              .put("size", String.valueOf(size))
              .put("width", image.width())
              .put("height", image.height())
              .put("source", image.source().name().toLowerCase());
      image.failure().ifPresent(f -> one.put("placeholder", f.code()));
      made.add(one);
      context.progress(new JsonObject().put("done", ++done).put("total", sizes.size()), null);
    }
    return result.put("previews", made);
  }
}
