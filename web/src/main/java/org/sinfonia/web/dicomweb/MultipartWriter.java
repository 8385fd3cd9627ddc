package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.UUID;

/**
 * Writes a {@code multipart/related} response whose parts are byte ranges of stored files (whole instances,
 * frames as one range or as their fragments, bulk data), read in 256 KiB pieces on the file system's worker
 * threads and written with backpressure: memory stays bounded whatever the study's size.
 */
final class MultipartWriter {

  /** One part: its headers and the ranges {@code [offset, length]} of one file that make its body. */
  record Part(String contentType, String path, List<long[]> ranges, String contentLocation) {
    long length() {
      return ranges.stream().mapToLong(r -> r[1]).sum();
    }
  }

  private static final int PIECE = 256 * 1024;
  private static final OpenOptions READ = new OpenOptions().setRead(true).setWrite(false).setCreate(false);

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final String boundary = UUID.randomUUID().toString();

  MultipartWriter(Vertx vertx, HttpServerResponse response) {
    this.vertx = vertx;
    this.response = response;
  }

  /** Sends the status line and headers. */
  MultipartWriter begin(int status, String type) {
    response.setStatusCode(status).setChunked(true)
        .putHeader("Content-Type", "multipart/related; type=\"" + type + "\"; boundary=" + boundary);
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
    StringBuilder head = new StringBuilder("\r\n--").append(boundary).append("\r\nContent-Type: ").append(p.contentType())
        .append("\r\nContent-Length: ").append(p.length());
    if (p.contentLocation() != null) {
      head.append("\r\nContent-Location: ").append(p.contentLocation());
    }
    head.append("\r\n\r\n");
    return response.write(Buffer.buffer(head.toString()))
        .compose(v -> vertx.fileSystem().open(p.path(), READ))
        .compose(file -> copyRanges(file, p.ranges(), 0).eventually(file::close));
  }

  private Future<Void> copyRanges(AsyncFile file, List<long[]> ranges, int i) {
    if (i == ranges.size()) {
      return Future.succeededFuture();
    }
    return copy(file, ranges.get(i)[0], ranges.get(i)[1]).compose(v -> copyRanges(file, ranges, i + 1));
  }

  private Future<Void> copy(AsyncFile file, long position, long remaining) {
    if (remaining <= 0) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(PIECE, remaining);
    return file.read(Buffer.buffer(n), 0, position, n).compose(piece -> {
      if (piece.length() == 0) {
        return Future.failedFuture(new IllegalStateException("stored file shorter than indexed"));
      }
      response.write(piece);
      Future<Void> ready = drained();
      return ready.compose(v -> copy(file, position + piece.length(), remaining - piece.length()));
    });
  }

  private Future<Void> drained() {
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    response.drainHandler(v -> p.tryComplete());
    response.closeHandler(v -> p.tryFail("connection closed"));
    return p.future();
  }
}
