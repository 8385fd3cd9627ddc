package org.sinfonia.web.repo;

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

/**
 * {@code POST /folders/{id}/files?name=NAME} and {@code POST /items/{id}/files?name=NAME} with the raw file as
 * the body: the simple streamed upload for scripts. The body goes through the ingest pipeline (never
 * buffered), then the file is recorded: in a new item named NAME, or in the given item.
 */
public final class UploadRoutes {

  private final Requires requires;
  private final Ingest ingest;
  private final Registrar registrar;

  public UploadRoutes(Requires requires, Ingest ingest, Registrar registrar) {
    this.requires = requires;
    this.ingest = ingest;
    this.registrar = registrar;
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
    ingest.store(rc.request())
        .compose(stored -> target.type() == ResourceType.ITEM
            ? registrar.registerInItem(target, name, mimeType, stored, caller.login())
            : registrar.register(target, name, mimeType, stored, caller.login()))
        .onSuccess(file -> JsonResponse.send(rc, 201, new JsonObject()
            .put("id", file.id()).put("itemId", file.doc().getString("itemId")).put("name", file.name())
            .put("size", file.size()).put("sha256", file.doc().getString("sha256"))
            .put("mimeType", file.doc().getString("mimeType"))))
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
