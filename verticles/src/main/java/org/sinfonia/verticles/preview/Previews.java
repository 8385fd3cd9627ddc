package org.sinfonia.verticles.preview;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.render.tags.TagListModel;
import org.sinfonia.core.zip.ZipLimits;
import org.sinfonia.core.zip.ZipListing;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.web.HttpApi;
import org.sinfonia.web.preview.PreviewImage;
import org.sinfonia.web.preview.PreviewParams;
import org.sinfonia.web.preview.PreviewRenderer;
import org.sinfonia.web.preview.PreviewService;
import org.sinfonia.web.preview.PreviewViews;
import org.sinfonia.web.repo.Resource;

/**
 * The previewer: plans a preview (kind, header, referenced images), answers it from the cache or
 * renders it on the preview worker pool (never an event loop), and makes the JSON views (attribute
 * list, summary, zip tree) on that pool too. The same renderings back {@code /files/{id}/preview},
 * WADO-RS rendered resources ({@link PreviewRenderer}) and the ingest-time jobs ({@link #warm}).
 */
public final class Previews implements PreviewService, PreviewRenderer {

  private final WorkerExecutor pool;
  private final BlobStore blobs;
  private final HeaderCache headers;
  private final PreviewCache cache;
  private final PreviewPlans plans;
  private final ZipLimits zipLimits;
  private volatile TagListModel tagList;

  public Previews(
      WorkerExecutor pool,
      BlobStore blobs,
      HeaderCache headers,
      PreviewCache cache,
      MongoClient mongo,
      SinfoniaConfig.Previews config,
      ZipLimits zipLimits) {
    this.pool = pool;
    this.blobs = blobs;
    this.headers = headers;
    this.cache = cache;
    this.zipLimits = zipLimits;
    this.plans =
        new PreviewPlans(
            blobs,
            headers,
            new ReferencedImages(mongo),
            new DicomRenderings(config.maxFullPixels()),
            new PictureRenderer(config.maxFullPixels(), config.maxImagePixels()));
  }

  @Override
  public Future<PreviewImage> image(Resource file, PreviewParams params, Principal caller) {
    return plans.of(file, params, caller).compose(this::produce);
  }

  @Override
  public Future<PreviewImage> renderInstance(
      String sha256, PreviewParams params, Optional<List<String>> readers) {
    return plans.ofInstance(sha256, params, readers).compose(this::produce);
  }

  private Future<PreviewImage> produce(PreviewPlans.Plan plan) {
    return cache.get(plan.key(), plan.keep(), () -> pool.executeBlocking(plan.render(), false));
  }

  /**
   * Makes sure a preview exists (cached), rendering it on the calling thread if not: for job
   * threads, which may block. {@code dicom}: the file is known to be DICOM. Returns it.
   */
  public PreviewImage warm(Resource file, PreviewParams params, boolean dicom) throws Exception {
    PreviewPlans.Plan plan = JobContext.await(plans.of(file, params, Principal.ANONYMOUS, dicom));
    Optional<PreviewImage> done =
        plan.keep() ? JobContext.await(cache.lookup(plan.key())) : Optional.empty();
    if (done.isPresent()) {
      return done.get();
    }
    PreviewImage image = plan.render().call();
    if (plan.keep()) {
      JobContext.await(cache.put(plan.key(), image));
    }
    return image;
  }

  @Override
  public Future<Buffer> dicomTags(Resource file) {
    return headers
        .of(file)
        .compose(
            h -> pool.executeBlocking(() -> PreviewViews.tags(tagList().of(h)).toBuffer(), false));
  }

  private TagListModel tagList() {
    TagListModel model = tagList;
    if (model == null) {
      model = new TagListModel(); // loads the dictionary: on a worker, the first time
      tagList = model;
    }
    return model;
  }

  @Override
  public Future<JsonObject> dicomSummary(Resource file, Principal caller) {
    FileKind kind = FileKind.of(file);
    JsonObject base =
        new JsonObject()
            .put("fileId", file.id())
            .put("name", file.name())
            .put("size", file.size())
            .put("sha256", file.asFile().sha256())
            .put("mediaType", FileKind.mediaType(file));
    Future<JsonObject> details =
        kind == FileKind.DICOM
            ? headers
                .of(file)
                .compose(
                    h ->
                        pool.executeBlocking(
                            () ->
                                DicomSummaries.of(h, BlobSource.of(blobs, file.asFile().sha256())),
                            false))
                .recover(
                    e ->
                        Future.succeededFuture(
                            new JsonObject().put("dicom", false).put("kind", "unreadable")))
            : Future.succeededFuture(notDicom(file, kind));
    Future<JsonObject> preview =
        plans
            .of(file, PreviewParams.thumbnail(), caller)
            .compose(
                plan -> produce(plan).map(image -> previewOf(file, image).mergeIn(plan.notes())));
    return Future.all(details, preview)
        .map(all -> base.mergeIn(details.result()).put("preview", preview.result()));
  }

  private static JsonObject notDicom(Resource file, FileKind kind) {
    String base = HttpApi.API_PREFIX + "/files/" + file.id();
    JsonObject out = new JsonObject().put("dicom", false).put("kind", kind.label());
    if (kind.inline()) {
      out.put("inline", base + "/download?inline=true");
    }
    if (kind == FileKind.ZIP) {
      out.put("zipEntries", base + "/zip-entries");
    }
    return out;
  }

  /** Where the preview is and whether it is a real picture (else the placeholder's reason). */
  private static JsonObject previewOf(Resource file, PreviewImage thumbnail) {
    JsonObject out =
        new JsonObject()
            .put("url", HttpApi.API_PREFIX + "/files/" + file.id() + "/preview")
            .put("renderable", thumbnail.failure().isEmpty());
    if (thumbnail.frames() > 0) {
      out.put("frames", thumbnail.frames());
    }
    thumbnail
        .failure()
        .ifPresent(
            f ->
                out.put(
                    "failure", new JsonObject().put("code", f.code()).put("message", f.message())));
    return out;
  }

  @Override
  public Future<Buffer> zipEntries(Resource file) {
    String sha = file.asFile().sha256();
    return pool.executeBlocking(
        () -> {
          try (SeekableByteChannel archive = blobs.open(sha)) {
            return PreviewViews.zipTree(new ZipListing(zipLimits).list(archive)).toBuffer();
          }
        },
        false);
  }
}
