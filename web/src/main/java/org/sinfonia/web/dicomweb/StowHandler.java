package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Caller;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Resource;

/**
 * STOW-RS ({@code POST .../studies[/{StudyInstanceUID}]}, PS3.18 10.5): checks the request's media
 * type, finds the target folder (the folder root's, else the {@link StowDestination}'s) and hands
 * the body to a {@link StowSession}, which streams each part through the destination and answers
 * per instance.
 */
public final class StowHandler {

  /**
   * How much of one request is worked on at once: parts stored in parallel, and parts registered
   * per batch.
   */
  public record Limits(int partsInFlight, int batchSize) {}

  private final StowDestination destination;
  private final DicomWebUrls urls;
  private final Limits limits;

  public StowHandler(StowDestination destination, DicomWebUrls urls, Limits limits) {
    this.destination = destination;
    this.urls = urls;
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
                        destination,
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
    String study = rc.pathParam("study");
    return study == null ? destination.target(caller) : destination.targetForStudy(caller, study);
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
