package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Caller;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeWriter;

/**
 * STOW-RS ({@code POST .../studies[/{StudyInstanceUID}]}, PS3.18 10.5): checks the request's media
 * type, finds the target folder (the folder root's, else the caller's default DICOM folder) and
 * hands the body to a {@link StowSession}, which streams each part through the one ingest path and
 * answers per instance.
 */
public final class StowHandler {

  /**
   * How much of one request is worked on at once: parts stored in parallel, and parts registered
   * per batch.
   */
  public record Limits(int partsInFlight, int batchSize) {}

  /**
   * Where STOW-RS at {@code /dicom-web} stores: "home" (the caller's home folder) or a folder id.
   */
  private final String defaultFolder;

  private final IngestService ingest;
  private final TreeWriter tree;
  private final Requires requires;
  private final DicomWebUrls urls;
  private final Limits limits;

  public StowHandler(
      IngestService ingest,
      TreeWriter tree,
      Requires requires,
      DicomWebUrls urls,
      String defaultFolder,
      Limits limits) {
    this.ingest = ingest;
    this.tree = tree;
    this.requires = requires;
    this.urls = urls;
    this.defaultFolder = defaultFolder;
    this.limits = limits;
  }

  void store(RoutingContext rc) {
    MediaRange contentType =
        MediaRange.parse(String.valueOf(rc.request().getHeader("Content-Type")));
    if (!contentType.type().equals("multipart/related")) {
      throw ApiError.unsupportedMediaType(
          "UNSUPPORTED_MEDIA_TYPE",
          "STOW-RS takes multipart/related; type=\"application/dicom\", not %s",
          contentType.type());
    }
    String type = contentType.param("type");
    if (type != null && !type.equalsIgnoreCase("application/dicom")) {
      throw ApiError.unsupportedMediaType(
          "UNSUPPORTED_MEDIA_TYPE",
          "only application/dicom parts are supported (not %s); metadata + bulk data requests are not",
          type);
    }
    String boundary = contentType.param("boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw ApiError.badRequest(
          "MALFORMED_MULTIPART", "the Content-Type has no valid boundary parameter");
    }
    boolean xml = wantsXml(rc.request().getHeader("Accept"));
    String root = urls.root(rc);
    Principal caller = Caller.of(rc);
    target(rc, caller)
        .onSuccess(
            folder ->
                new StowSession(
                        rc,
                        ingest,
                        folder,
                        new StowSession.Request(
                            caller.login(), boundary, rc.pathParam("study"), root, xml),
                        limits)
                    .start())
        .onFailure(rc::fail);
  }

  private Future<Resource> target(RoutingContext rc, Principal caller) {
    if (rc.pathParam("folderId") != null) {
      return Future.succeededFuture(Loaded.of(rc).resource()); // WRITE checked by the route
    }
    if (defaultFolder.isBlank() || defaultFolder.equals("home")) {
      return tree.homeFolder(caller.login());
    }
    return requires
        .load(caller, ResourceType.FOLDER, defaultFolder, Level.WRITE)
        .map(Loaded::resource);
  }

  static boolean wantsXml(String accept) {
    List<MediaRange> ranges = MediaRange.parseAccept(accept);
    for (MediaRange r : ranges) {
      if (r.type().equals("application/dicom+xml")) {
        return true;
      }
      if (r.type().equals("application/dicom+json")
          || r.type().equals("application/json")
          || r.type().equals("*/*")) {
        return false;
      }
    }
    return false;
  }
}
