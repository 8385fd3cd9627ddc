package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.ingest.IngestResult;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.zip.ExtractAfterUpload;

/**
 * {@code POST /folders/{id}/files?name=NAME} and {@code POST /items/{id}/files?name=NAME} with the
 * raw file as the body: the simple streamed upload for scripts. The body goes through the ingest
 * pipeline (never buffered), then the file is recorded: in a new item named NAME, or in the given
 * item.
 *
 * <p>Upload-and-extract: {@code POST
 * /folders/{id}/files?name=x.zip&extract=true[&onConflict=skip|rename|overwrite]} stores the zip as
 * above, then queues its extraction into the same folder ({@link ExtractAfterUpload}) and answers
 * {@code 202} with the file and the {@code jobId}.
 */
public final class UploadRoutes {

  private final Requires requires;
  private final IngestService ingest;
  private final ExtractAfterUpload extractions;

  public UploadRoutes(Requires requires, IngestService ingest, ExtractAfterUpload extractions) {
    this.requires = requires;
    this.ingest = ingest;
    this.extractions = extractions;
  }

  public void register(ApiRouter api) {
    api.streaming(
        HttpMethod.POST,
        "/folders/:id/files",
        requires.level(Level.WRITE, ResourceType.FOLDER, "id"),
        this::upload);
    api.streaming(
        HttpMethod.POST,
        "/items/:id/files",
        requires.level(Level.WRITE, ResourceType.ITEM, "id"),
        this::upload);
  }

  /**
   * Into a folder: a new item named NAME holding the file; into an item: one more file of that
   * item. A taken name gives the next free numbered one ({@code 201}, the body names it); the very
   * same bytes again answer {@code 200} with the file already there.
   */
  private void upload(RoutingContext rc) {
    Resource target = Loaded.of(rc).resource();
    Principal caller = Caller.of(rc);
    String name = ResourceNames.require(rc.queryParams().get("name"));
    String declared = rc.request().getHeader("Content-Length");
    if (declared != null && parseLength(declared) > ingest.limits().maxFileBytes()) {
      throw ApiError.tooLarge(
          "FILE_TOO_LARGE", "files are limited to %d bytes", ingest.limits().maxFileBytes());
    }
    boolean extract = ExtractAfterUpload.requested(rc.queryParams().get(ExtractAfterUpload.FLAG));
    if (extract && target.type() != ResourceType.FOLDER) {
      throw ApiError.badRequest(
          "EXTRACT_NEEDS_FOLDER", "extract=true uploads into a folder, not into an item");
    }
    ConflictPolicy policy =
        ConflictPolicy.parse(rc.queryParams().get(ExtractAfterUpload.ON_CONFLICT));
    IngestOptions options =
        IngestOptions.named(name, caller.login())
            .withMediaType(rc.request().getHeader("Content-Type"));
    ingest
        .ingest(new Origin.Upload(caller.login()), target, rc.request(), options)
        .compose(
            result -> {
              if (!result.holdsFile()) {
                return Future.failedFuture(refusal(result));
              }
              Resource file = result.file();
              int status = result.outcome() == IngestOutcome.ALREADY_STORED ? 200 : 201;
              JsonObject view =
                  new JsonObject()
                      .put("id", file.id())
                      .put("itemId", file.asFile().itemId())
                      .put("name", file.name())
                      .put("size", file.size())
                      .put("sha256", file.asFile().sha256())
                      .put("mimeType", file.asFile().mimeType())
                      .put("outcome", result.outcome().name());
              JsonObject privacy = file.doc().getJsonObject("privacy");
              if (privacy != null) {
                view.put("privacy", privacy.copy());
              }
              if (!extract) {
                JsonResponse.send(rc, status, view);
                return Future.succeededFuture();
              }
              return extractions
                  .submit(caller.login(), file, target.id(), policy, "upload")
                  .onSuccess(job -> JsonResponse.send(rc, 202, view.put("jobId", job.id())));
            })
        .onFailure(rc::fail);
  }

  /** A refused upload as its HTTP error: the reason ingest gave, or 507 for a full storage. */
  private static Throwable refusal(IngestResult result) {
    if (result.outcome() == IngestOutcome.STORAGE_FULL && !(result.reason() instanceof ApiError)) {
      return ApiError.insufficientStorage("STORAGE_FULL", "the storage is full");
    }
    return result.reason() != null
        ? result.reason()
        : ApiError.conflict("NOT_STORED", "the file was not stored (%s)", result.outcome());
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("INVALID_CONTENT_LENGTH", "Content-Length is not a number");
    }
  }
}
