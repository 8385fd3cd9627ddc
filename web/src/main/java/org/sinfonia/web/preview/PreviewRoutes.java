package org.sinfonia.web.preview;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;

/**
 * The previewer's URL surface, all under READ on the file (the download check; a caller who cannot
 * read the file gets 404 as for an id that never existed), all audited like downloads (action
 * {@code preview}):
 *
 * <pre>
 * GET|HEAD /files/{id}/preview?size=128|512|full&frame=N&window=C,W  image/png (placeholder + Sinfonia-Preview-Failure)
 * GET      /files/{id}/dicom-tags                                     JSON attribute list
 * GET      /files/{id}/dicom-summary                                  JSON: image attributes, RT summaries, reasons
 * GET      /files/{id}/zip-entries                                    JSON tree from the central directory
 * </pre>
 *
 * Video, audio, PDF, text and CSV are viewed through {@code /files/{id}/download?inline=true}
 * (Range, nosniff, sandbox CSP).
 */
public final class PreviewRoutes {

  public static final String FAILURE_HEADER = "Sinfonia-Preview-Failure";

  private final Requires requires;
  private final PreviewService previews;
  private final Audit audit;

  public PreviewRoutes(Requires requires, PreviewService previews, Audit audit) {
    this.requires = requires;
    this.previews = previews;
    this.audit = audit;
  }

  public void register(ApiRouter api) {
    var read = requires.level(Level.READ, ResourceType.FILE, "id");
    api.get("/files/:id/preview", read, this::preview);
    api.head("/files/:id/preview", read, this::preview);
    api.get("/files/:id/dicom-tags", read, this::tags);
    api.get("/files/:id/dicom-summary", read, this::summary);
    api.get("/files/:id/zip-entries", read, this::zipEntries);
  }

  private void preview(RoutingContext rc) {
    Resource file = Loaded.of(rc).resource();
    PreviewParams params = PreviewParams.parse(rc.queryParams());
    String detail = params.key().replace('|', ' ');
    previews
        .image(file, params, Caller.of(rc))
        .onSuccess(image -> send(rc, file, image, detail))
        .onFailure(
            e -> {
              audit.record(Caller.actor(rc), "preview", "file", file.id(), e, detail);
              rc.fail(e);
            });
  }

  private void send(RoutingContext rc, Resource file, PreviewImage image, String detail) {
    String etag = "\"" + image.etag() + "\"";
    String ifNoneMatch = rc.request().getHeader("If-None-Match");
    HttpServerResponse response =
        rc.response()
            .putHeader("ETag", etag)
            .putHeader("Cache-Control", "private, no-cache")
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Sinfonia-Preview-Cache", image.source().name().toLowerCase(Locale.ROOT));
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", image.mediaType());
    if (image.frames() > 0) {
      response
          .putHeader("Sinfonia-Preview-Frame", Integer.toString(image.frame()))
          .putHeader("Sinfonia-Preview-Frames", Integer.toString(image.frames()));
    }
    image.failure().ifPresent(f -> response.putHeader(FAILURE_HEADER, f.code()));
    if (rc.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Integer.toString(image.bytes().length)).end();
      return;
    }
    response
        .end(Buffer.buffer(image.bytes()))
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    "preview",
                    "file",
                    file.id(),
                    ar.cause(),
                    detail + image.failure().map(f -> " placeholder " + f.code()).orElse("")))
        .onFailure(rc::fail);
  }

  private void tags(RoutingContext rc) {
    Resource file = Loaded.of(rc).resource();
    previews
        .dicomTags(file)
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc), "preview", "file", file.id(), ar.cause(), "dicom-tags"))
        .onSuccess(json -> sendJson(rc, json))
        .onFailure(rc::fail);
  }

  private void summary(RoutingContext rc) {
    Resource file = Loaded.of(rc).resource();
    previews
        .dicomSummary(file, Caller.of(rc))
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc), "preview", "file", file.id(), ar.cause(), "dicom-summary"))
        .onSuccess(json -> JsonResponse.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void zipEntries(RoutingContext rc) {
    Resource file = Loaded.of(rc).resource();
    previews
        .zipEntries(file)
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc), "preview", "file", file.id(), ar.cause(), "zip-entries"))
        .onSuccess(json -> sendJson(rc, json))
        .onFailure(rc::fail);
  }

  /** JSON the service encoded on a worker (large listings are never encoded on the event loop). */
  private static void sendJson(RoutingContext rc, Buffer json) {
    rc.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(json);
  }
}
