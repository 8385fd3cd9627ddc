package org.sinfonia.web.dicomweb;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.blob.BlobBodies;
import org.sinfonia.web.repo.ByteRange;

/**
 * WADO-RS bulk data ({@code .../instances/{uid}/bulkdata/{offset}/{length}}, the BulkDataURIs that
 * metadata responses carry): a byte range of the stored file, as one {@code multipart/related} part
 * or, when asked for {@code application/octet-stream}, as a zero-copy single body honouring a
 * {@code Range} within the value.
 */
public final class BulkDataHandler {

  private static final String OCTETS = "application/octet-stream";

  private final Vertx vertx;
  private final DicomIndexReader index;
  private final DicomScopes scopes;
  private final BlobStore blobs;

  public BulkDataHandler(Vertx vertx, DicomIndexReader index, DicomScopes scopes, BlobStore blobs) {
    this.vertx = vertx;
    this.index = index;
    this.scopes = scopes;
    this.blobs = blobs;
  }

  void bulkData(RoutingContext rc) {
    long offset = number(rc.pathParam("offset"));
    long length = number(rc.pathParam("length"));
    boolean single = single(rc.request().getHeader("Accept"));
    scopes
        .of(rc)
        .compose(
            scope ->
                index.instances(
                    scope, rc.pathParam("study"), rc.pathParam("series"), rc.pathParam("instance")))
        .compose(
            found -> {
              if (found.isEmpty()) {
                throw ApiError.notFound("NOT_FOUND", "no such instance");
              }
              DicomIndexReader.StoredInstance i = found.get(0);
              if (offset + length > i.size()) {
                throw ApiError.notFound("NO_SUCH_BULK_DATA", "the instance has %d bytes", i.size());
              }
              Optional<ByteRange> range = ByteRange.parse(rc.request().getHeader("Range"), length);
              long from = offset + range.map(ByteRange::start).orElse(0L);
              long n = range.map(ByteRange::length).orElse(length);
              int status = range.isPresent() ? 206 : 200;
              String contentRange = range.map(r -> r.contentRange(length)).orElse(null);
              String sha = i.sha256();
              if (single) {
                var response =
                    rc.response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", OCTETS)
                        .putHeader("Accept-Ranges", "bytes");
                if (contentRange != null) {
                  response.putHeader("Content-Range", contentRange);
                }
                return new BlobBodies(vertx, blobs).send(response, sha, from, n);
              }
              MultipartWriter w =
                  new MultipartWriter(new BlobBodies(vertx, blobs), rc.response())
                      .begin(status, OCTETS);
              if (contentRange != null) {
                rc.response().putHeader("Content-Range", contentRange);
              }
              return w.write(
                  List.of(
                      new MultipartWriter.Part(OCTETS, sha, List.of(new long[] {from, n}), null)));
            })
        .onFailure(rc::fail);
  }

  /** True when the client prefers a bare body to a multipart one. */
  private static boolean single(String accept) {
    for (MediaRange r : MediaRange.parseAccept(accept)) {
      if (r.type().equals(OCTETS)) {
        return true;
      }
      if (r.type().equals("multipart/related") || r.type().equals("*/*")) {
        return false;
      }
    }
    throw ApiError.notAcceptable(
        "NOT_ACCEPTABLE",
        "bulk data is sent as application/octet-stream or "
            + "multipart/related; type=\"application/octet-stream\"");
  }

  private static long number(String s) {
    try {
      long n = Long.parseLong(s);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.notFound("NO_SUCH_BULK_DATA", "bulk data is addressed by offset and length");
    }
  }
}
