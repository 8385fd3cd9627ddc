package org.sinfonia.web.dicomweb;

import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.error.ApiError;

/**
 * WADO-RS metadata of a study, series or instance (PS3.18 10.4.1.1.2) as {@code
 * application/dicom+json}, from the index (cached per series, never re-reading files), with an ETag
 * and {@code If-None-Match} (304).
 */
public final class MetadataHandler {

  private final DicomIndexReader index;
  private final DicomScopes scopes;
  private final DicomWebUrls urls;

  public MetadataHandler(DicomIndexReader index, DicomScopes scopes, DicomWebUrls urls) {
    this.index = index;
    this.scopes = scopes;
    this.urls = urls;
  }

  void metadata(RoutingContext rc) {
    QidoHandler.acceptJson(rc.request().getHeader("Accept"));
    String root = urls.root(rc);
    scopes
        .of(rc)
        .compose(
            scope ->
                index.metadata(
                    scope,
                    root,
                    rc.pathParam("study"),
                    rc.pathParam("series"),
                    rc.pathParam("instance")))
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                rc.fail(
                    ApiError.notFound(
                        "NOT_FOUND",
                        "no such %s",
                        rc.pathParam("instance") != null
                            ? "instance"
                            : rc.pathParam("series") != null ? "series" : "study"));
                return;
              }
              String etag = "\"" + found.get().etag() + "\"";
              var response =
                  rc.response()
                      .putHeader("ETag", etag)
                      .putHeader("Cache-Control", "private, no-cache");
              String ifNoneMatch = rc.request().getHeader("If-None-Match");
              if (ifNoneMatch != null
                  && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
                response.setStatusCode(304).end();
                return;
              }
              response.putHeader("Content-Type", "application/dicom+json").end(found.get().json());
            })
        .onFailure(rc::fail);
  }
}
