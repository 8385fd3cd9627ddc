package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.ingest.Registrar;
import org.sinfonia.web.zip.ConflictPolicy;
import org.sinfonia.web.zip.ExtractAfterUpload;

/**
 * {@code POST /folders/{id}/files?name=NAME} and {@code POST /items/{id}/files?name=NAME} with the raw file as
 * the body: the simple streamed upload for scripts. The body goes through the ingest pipeline (never
 * buffered), then the file is recorded: in a new item named NAME, or in the given item.
 *
 * <p>Upload-and-extract: {@code POST /folders/{id}/files?name=x.zip&extract=true[&onConflict=skip|rename|overwrite]}
 * stores the zip as above, then queues its extraction into the same folder ({@link ExtractAfterUpload}) and answers
 * {@code 202} with the file and the {@code jobId}.
 */
public final class UploadRoutes {

  private final Requires requires;
  private final Ingest ingest;
  private final Registrar registrar;
  private final ExtractAfterUpload extractions;

  public UploadRoutes(Requires requires, Ingest ingest, Registrar registrar, ExtractAfterUpload extractions) {
    this.requires = requires;
    this.ingest = ingest;
    this.registrar = registrar;
    this.extractions = extractions;
  }

  public void register(ApiRouter api) {
    api.streaming(HttpMethod.POST, "/folders/:id/files", requires.level(Level.WRITE, ResourceType.FOLDER, "id"),
        this::upload);
    api.streaming(HttpMethod.POST, "/items/:id/files", requires.level(Level.WRITE, ResourceType.ITEM, "id"),
        this::upload);
  }

  /** Into a folder: a new item named NAME holding the file; into an item: one more file of that item. */
  private void upload(RoutingContext rc) {
    Resource target = Loaded.of(rc).resource();
    Principal caller = Caller.of(rc);
    String name = ResourceNames.require(rc.queryParams().get("name"));
    String declared = rc.request().getHeader("Content-Length");
    if (declared != null && parseLength(declared) > ingest.limits().maxFileBytes()) {
      throw ApiError.tooLarge("FILE_TOO_LARGE", "files are limited to %d bytes", ingest.limits().maxFileBytes());
    }
    String mimeType = mimeType(rc.request().getHeader("Content-Type"));
    boolean extract = ExtractAfterUpload.requested(rc.queryParams().get(ExtractAfterUpload.FLAG));
    if (extract && target.type() != ResourceType.FOLDER) {
      throw ApiError.badRequest("EXTRACT_NEEDS_FOLDER", "extract=true uploads into a folder, not into an item");
    }
    ConflictPolicy policy = ConflictPolicy.parse(rc.queryParams().get(ExtractAfterUpload.ON_CONFLICT));
    ingest.store(rc.request())
        .compose(stored -> target.type() == ResourceType.ITEM
            ? registrar.registerInItem(target, name, mimeType, stored, caller.login())
            : registrar.register(target, name, mimeType, stored, caller.login()))
        .compose(file -> {
          JsonObject view = new JsonObject()
              .put("id", file.id()).put("itemId", file.doc().getString("itemId")).put("name", file.name())
              .put("size", file.size()).put("sha256", file.doc().getString("sha256"))
              .put("mimeType", file.doc().getString("mimeType"));
          if (!extract) {
            JsonResponse.send(rc, 201, view);
            return Future.succeededFuture();
          }
          return extractions.submit(caller.login(), file, target.id(), policy, "upload")
              .onSuccess(job -> JsonResponse.send(rc, 202, view.put("jobId", job.id())));
        })
        .onFailure(rc::fail);
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("INVALID_CONTENT_LENGTH", "Content-Length is not a number");
    }
  }

  static String mimeType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return "application/octet-stream";
    }
    String t = contentType.strip();
    return t.length() > 255 ? "application/octet-stream" : t;
  }
}
