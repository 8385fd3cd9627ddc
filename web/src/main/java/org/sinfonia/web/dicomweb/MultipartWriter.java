package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.UUID;
import org.sinfonia.web.blob.BlobBodies;

/**
 * Writes a {@code multipart/related} response whose parts are byte ranges of stored blobs (whole
 * instances, frames as one range or as their fragments, bulk data), each written with backpressure
 * by {@link BlobBodies}: memory stays bounded whatever the study's size.
 */
final class MultipartWriter {

  /**
   * One part: its headers and the ranges {@code [offset, length]} of one stored blob that make its
   * body.
   */
  record Part(String contentType, String sha256, List<long[]> ranges, String contentLocation) {
    long length() {
      return ranges.stream().mapToLong(r -> r[1]).sum();
    }
  }

  private final BlobBodies bodies;
  private final HttpServerResponse response;
  private final String boundary = UUID.randomUUID().toString();

  MultipartWriter(BlobBodies bodies, HttpServerResponse response) {
    this.bodies = bodies;
    this.response = response;
  }

  /** Sends the status line and headers. */
  MultipartWriter begin(int status, String type) {
    response
        .setStatusCode(status)
        .setChunked(true)
        .putHeader(
            "Content-Type", "multipart/related; type=\"" + type + "\"; boundary=" + boundary);
    return this;
  }

  Future<Void> write(List<Part> parts) {
    Future<Void> chain = Future.succeededFuture();
    for (Part p : parts) {
      chain = chain.compose(v -> writePart(p));
    }
    return chain.compose(v -> response.end(Buffer.buffer("\r\n--" + boundary + "--\r\n")));
  }

  private Future<Void> writePart(Part p) {
    StringBuilder head =
        new StringBuilder("\r\n--")
            .append(boundary)
            .append("\r\nContent-Type: ")
            .append(p.contentType())
            .append("\r\nContent-Length: ")
            .append(p.length());
    if (p.contentLocation() != null) {
      head.append("\r\nContent-Location: ").append(p.contentLocation());
    }
    head.append("\r\n\r\n");
    return response.write(Buffer.buffer(head.toString())).compose(v -> writeRanges(p, 0));
  }

  private Future<Void> writeRanges(Part p, int i) {
    if (i == p.ranges().size()) {
      return Future.succeededFuture();
    }
    long[] range = p.ranges().get(i);
    return bodies
        .write(response, p.sha256(), range[0], range[1])
        .compose(v -> writeRanges(p, i + 1));
  }
}
