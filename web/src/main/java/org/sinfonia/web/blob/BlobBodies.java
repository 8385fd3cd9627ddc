package org.sinfonia.web.blob;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.sinfonia.core.blob.BlobStore;

/**
 * Byte ranges of stored blobs as HTTP bodies, from any {@link BlobStore}: zero-copy {@code
 * sendFile} when the store can say which local file holds the blob, otherwise read in 256 KiB
 * pieces on worker threads and written with backpressure, so memory stays bounded whatever the
 * file's size.
 */
public final class BlobBodies {

  private static final int PIECE = 256 * 1024;

  private final Vertx vertx;
  private final BlobStore blobs;

  public BlobBodies(Vertx vertx, BlobStore blobs) {
    this.vertx = vertx;
    this.blobs = blobs;
  }

  /**
   * Sends {@code length} bytes from {@code offset} as the whole response body and ends the
   * response.
   */
  public Future<Void> send(HttpServerResponse response, String sha256, long offset, long length) {
    Optional<Path> local = blobs.localFile(sha256);
    if (local.isPresent()) {
      return response.sendFile(local.get().toString(), offset, length);
    }
    response.putHeader("Content-Length", Long.toString(length));
    return write(response, sha256, offset, length).compose(v -> response.end());
  }

  /**
   * Writes {@code length} bytes from {@code offset} into the response, leaving it open (multipart
   * parts).
   */
  public Future<Void> write(HttpServerResponse response, String sha256, long offset, long length) {
    return vertx
        .executeBlocking(() -> blobs.open(sha256), false)
        .compose(
            channel ->
                copy(response, channel, offset, length)
                    .eventually(
                        () ->
                            vertx.executeBlocking(
                                () -> {
                                  channel.close();
                                  return null;
                                },
                                false)));
  }

  private Future<Void> copy(
      HttpServerResponse response, SeekableByteChannel channel, long position, long remaining) {
    if (remaining <= 0) {
      return Future.succeededFuture();
    }
    int n = (int) Math.min(PIECE, remaining);
    return vertx
        .executeBlocking(() -> read(channel, position, n), false)
        .compose(
            piece -> {
              if (piece.length() == 0) {
                return Future.failedFuture(new IOException("stored blob shorter than recorded"));
              }
              response.write(piece);
              return drained(response)
                  .compose(
                      v ->
                          copy(
                              response,
                              channel,
                              position + piece.length(),
                              remaining - piece.length()));
            });
  }

  private static Buffer read(SeekableByteChannel channel, long position, int n) throws IOException {
    ByteBuffer into = ByteBuffer.allocate(n);
    channel.position(position);
    while (into.hasRemaining()) {
      if (channel.read(into) < 0) {
        break;
      }
    }
    into.flip();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(into));
  }

  private static Future<Void> drained(HttpServerResponse response) {
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    response.drainHandler(v -> p.tryComplete());
    response.closeHandler(v -> p.tryFail("connection closed"));
    return p.future();
  }
}
