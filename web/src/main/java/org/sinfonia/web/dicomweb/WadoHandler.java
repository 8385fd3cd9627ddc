package org.sinfonia.web.dicomweb;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.blob.BlobBodies;

/**
 * WADO-RS retrieval of studies, series and instances (PS3.18 10.4) as {@code multipart/related;
 * type="application/dicom"}, streamed from the blob store in the transfer syntax they were stored
 * in: no transcoding, so an Accept naming another transfer syntax is answered 406.
 */
public final class WadoHandler {

  private final Vertx vertx;
  private final DicomIndexReader index;
  private final DicomScopes scopes;
  private final DicomWebUrls urls;
  private final BlobStore blobs;

  public WadoHandler(
      Vertx vertx, DicomIndexReader index, DicomScopes scopes, DicomWebUrls urls, BlobStore blobs) {
    this.vertx = vertx;
    this.index = index;
    this.scopes = scopes;
    this.urls = urls;
    this.blobs = blobs;
  }

  void retrieve(RoutingContext rc) {
    String wanted = transferSyntax(rc.request().getHeader("Accept"));
    String root = urls.root(rc);
    scopes
        .of(rc)
        .compose(
            scope ->
                index.instances(
                    scope, rc.pathParam("study"), rc.pathParam("series"), rc.pathParam("instance")))
        .compose(
            instances -> {
              if (instances.isEmpty()) {
                throw ApiError.notFound(
                    "NOT_FOUND",
                    "no such %s",
                    rc.pathParam("instance") != null
                        ? "instance"
                        : rc.pathParam("series") != null ? "series" : "study");
              }
              List<MultipartWriter.Part> parts = new ArrayList<>();
              for (DicomIndexReader.StoredInstance i : instances) {
                if (wanted != null
                    && !wanted.equals("*")
                    && !wanted.equals(i.transferSyntaxUid())) {
                  throw ApiError.notAcceptable(
                      "TRANSFER_SYNTAX_UNAVAILABLE",
                      "instance %s is stored in %s; Sinfonia "
                          + "does not transcode: ask for transfer-syntax=* or %s",
                      i.sopInstanceUid(),
                      i.transferSyntaxUid(),
                      i.transferSyntaxUid());
                }
                parts.add(
                    new MultipartWriter.Part(
                        "application/dicom; transfer-syntax=" + i.transferSyntaxUid(),
                        i.sha256(),
                        List.of(new long[] {0, i.size()}),
                        DicomWebUrls.instance(
                            root, i.studyUid(), i.seriesUid(), i.sopInstanceUid())));
              }
              return new MultipartWriter(new BlobBodies(vertx, blobs), rc.response())
                  .begin(200, "application/dicom")
                  .write(parts);
            })
        .onFailure(rc::fail);
  }

  /**
   * The transfer syntax an Accept asks for: null for no preference (the stored one is sent), "*"
   * for any, or a UID; 406 when no range admits {@code multipart/related;
   * type="application/dicom"}.
   */
  static String transferSyntax(String accept) {
    for (MediaRange r : MediaRange.parseAccept(accept)) {
      if (r.type().equals("*/*")
          || r.type().equals("application/dicom")
          || r.type().equals("multipart/related")
              && (r.param("type") == null
                  || r.param("type").equalsIgnoreCase("application/dicom"))) {
        return r.param("transfer-syntax");
      }
    }
    throw ApiError.notAcceptable(
        "NOT_ACCEPTABLE",
        "instances are sent as multipart/related; " + "type=\"application/dicom\" (asked for %s)",
        accept);
  }
}
