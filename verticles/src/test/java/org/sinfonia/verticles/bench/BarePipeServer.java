package org.sinfonia.verticles.bench;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The machine's ceiling for an HTTP upload in Vert.x, for the tus benchmark: {@code PUT /} pipes
 * the body into a file (Vert.x's own AsyncFile, 64 KiB chunks as in Sinfonia) while hashing it with
 * SHA-256, fsyncs it, and answers with the digest. No protocol, no database, no access control.
 *
 * <p>{@code java -cp ... org.sinfonia.verticles.bench.BarePipeServer PORT DIR}
 */
public final class BarePipeServer {

  private BarePipeServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String dir = args[1];
    Vertx vertx = Vertx.vertx();
    vertx
        .createHttpServer(new HttpServerOptions().setMaxChunkSize(64 * 1024))
        .requestHandler(request -> store(vertx, request, dir + "/" + UUID.randomUUID()))
        .listen(port, "127.0.0.1")
        .onSuccess(s -> System.out.println("bare pipe listening on " + s.actualPort()))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }

  private static void store(Vertx vertx, HttpServerRequest request, String path) {
    request.pause();
    MessageDigest sha256 = sha256();
    vertx
        .fileSystem()
        .open(path, new OpenOptions().setCreateNew(true).setWrite(true))
        .compose(
            file ->
                request
                    .pipeTo(new Hashing(file, sha256))
                    .compose(v -> file.flush()) // fsync
                    .compose(v -> file.close()))
        .onSuccess(v -> request.response().end(HexFormat.of().formatHex(sha256.digest()) + "\n"))
        .onFailure(e -> request.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hashes each chunk on its way to the file; the file's own queue gives the backpressure. */
  private record Hashing(AsyncFile file, MessageDigest sha256) implements WriteStream<Buffer> {

    @Override
    public Future<Void> write(Buffer data) {
      sha256.update(data.getBytes());
      return file.write(data);
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      file.exceptionHandler(handler);
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      file.setWriteQueueMaxSize(maxSize);
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return file.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      file.drainHandler(handler);
      return this;
    }
  }
}
