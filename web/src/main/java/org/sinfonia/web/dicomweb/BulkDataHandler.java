package org.sinfonia.web.dicomweb;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;

/**
 * WADO-RS bulk data ({@code .../instances/{uid}/bulkdata/{offset}/{length}}, the BulkDataURIs that metadata
 * responses carry): a byte range of the stored file, as one {@code multipart/related} part or, when asked for
 * {@code application/octet-stream}, as a zero-copy single body honouring a {@code Range} within the value.
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
    scopes.of(rc).compose(scope -> index.instances(scope, rc.pathParam("study"), rc.pathParam("series"),
        rc.pathParam("instance"))).compose(found -> {
          if (found.isEmpty()) {
            throw ApiError.notFound("NOT_FOUND", "no such instance");
          }
          DicomIndexReader.StoredInstance i = found.get(0);
          if (offset + length > i.size()) {
            throw ApiError.notFound("NO_SUCH_BULK_DATA", "the instance has %d bytes", i.size());
          }
          long from = offset;
          long n = length;
          int status = 200;
          String range = rc.request().getHeader("Range");
          String contentRange = null;
          if (range != null && range.startsWith("bytes=") && range.indexOf(',') < 0 && length > 0) {
            long[] r = range(range.substring(6), length);
            from = offset + r[0];
            n = r[1];
            status = 206;
            contentRange = "bytes " + r[0] + "-" + (r[0] + r[1] - 1) + "/" + length;
          }
          String path = blobs.path(i.sha256()).toString();
          if (single) {
            var response = rc.response().setStatusCode(status).putHeader("Content-Type", OCTETS)
                .putHeader("Accept-Ranges", "bytes");
            if (contentRange != null) {
              response.putHeader("Content-Range", contentRange);
            }
            return response.sendFile(path, from, n);
          }
          MultipartWriter w = new MultipartWriter(vertx, rc.response()).begin(status, OCTETS);
          if (contentRange != null) {
            rc.response().putHeader("Content-Range", contentRange);
          }
          return w.write(List.of(new MultipartWriter.Part(OCTETS, path, List.of(new long[] {from, n}), null)));
        }).onFailure(rc::fail);
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
    throw ApiError.notAcceptable("NOT_ACCEPTABLE", "bulk data is sent as application/octet-stream or "
        + "multipart/related; type=\"application/octet-stream\"");
  }

  private static long[] range(String spec, long size) {
    try {
      int dash = spec.indexOf('-');
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long n = Math.min(Long.parseLong(b), size);
        return new long[] {size - n, n};
      }
      long start = Long.parseLong(a);
      long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (start >= size || end < start) {
        throw new ApiError(ApiError.Kind.RANGE_NOT_SATISFIABLE, "RANGE_NOT_SATISFIABLE", "the value has " + size
            + " bytes");
      }
      return new long[] {start, end - start + 1};
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return new long[] {0, size};
    }
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
