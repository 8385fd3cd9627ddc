package org.sinfonia.web.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.upload.ExpiryPolicy;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.ErrorMapper;
import org.sinfonia.web.ingest.Ingested;

/**
 * The tus handler alone, as tusd tests its handler: only {@link TusRoutes} on a bare router on port
 * 0, over in-memory stand-ins for its ports (upload store, locks, destination) and a settable
 * clock. No database, no directory, no other route. Each row is one exchange and what it must
 * answer: status, JSON error code and the headers clients act on.
 */
class TusHandlerTableTest {

  private static final long MAX = 1000;
  private static final String FILE = "filename " + b64("a.bin");

  private static Vertx vertx;
  private static HttpServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final SettableClock CLOCK = new SettableClock();
  private static final MemoryUploads STORE = new MemoryUploads(CLOCK);

  @BeforeAll
  static void mount() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            rc -> {
              String user = rc.request().getHeader("X-Test-User");
              if (user != null) {
                Caller.set(rc, new Principal(user, user, "", List.of(), false));
              }
              rc.next();
            });
    new TusRoutes(STORE, new FreeLocks(), new FakeDestination(), new TusEndpoint(MAX, ""), CLOCK)
        .register(new ApiRouter(router, "/api/v1", 4096));
    router.route().failureHandler(new ErrorMapper());
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  /** One exchange: what is sent, and what must come back. */
  record Row(
      String name,
      String method,
      Supplier<String> path,
      Map<String, String> headers,
      String body,
      int status,
      String error,
      Map<String, String> answerHeaders) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    Map<String, String> v = Map.of("Tus-Resumable", "1.0.0");
    return Stream.of(
        new Row(
            "OPTIONS tells the capabilities",
            "OPTIONS",
            () -> "/api/v1/uploads",
            Map.of(),
            null,
            204,
            null,
            Map.of(
                "Tus-Version", "1.0.0",
                "Tus-Max-Size", "1000",
                "Tus-Extension",
                    "creation,creation-with-upload,creation-defer-length,expiration,termination")),
        new Row(
            "wrong Tus-Resumable is 412",
            "POST",
            () -> "/api/v1/uploads",
            Map.of("Tus-Resumable", "0.2.2", "Upload-Length", "5", "Upload-Metadata", FILE),
            null,
            412,
            "TUS_VERSION_UNSUPPORTED",
            Map.of("Tus-Version", "1.0.0")),
        new Row(
            "missing Upload-Length is 400",
            "POST",
            () -> "/api/v1/uploads",
            with(v, "Upload-Metadata", FILE),
            null,
            400,
            "INVALID_UPLOAD_LENGTH",
            Map.of()),
        new Row(
            "invalid Upload-Length is 400",
            "POST",
            () -> "/api/v1/uploads",
            with(with(v, "Upload-Metadata", FILE), "Upload-Length", "-3"),
            null,
            400,
            "INVALID_UPLOAD_LENGTH",
            Map.of()),
        new Row(
            "over Tus-Max-Size is 413",
            "POST",
            () -> "/api/v1/uploads",
            with(with(v, "Upload-Metadata", FILE), "Upload-Length", "1001"),
            null,
            413,
            "UPLOAD_TOO_LARGE",
            Map.of()),
        new Row(
            "creation without a filename is 400",
            "POST",
            () -> "/api/v1/uploads",
            with(v, "Upload-Length", "5"),
            null,
            400,
            "MISSING_FILENAME",
            Map.of()),
        new Row(
            "anonymous creation is 401",
            "POST",
            () -> "/api/v1/uploads",
            with(with(v, "Upload-Metadata", FILE), "Upload-Length", "5"),
            null,
            401,
            "AUTHENTICATION_REQUIRED",
            Map.of()),
        new Row(
            "creation-with-upload of every byte answers 201 at the end",
            "POST",
            () -> "/api/v1/uploads",
            patchHeaders(with(with(v, "Upload-Metadata", FILE), "Upload-Length", "5")),
            "hello",
            201,
            null,
            Map.of("Upload-Offset", "5")),
        new Row(
            "PATCH at the wrong offset is 409",
            "PATCH",
            () -> fresh(5, 0),
            patchHeaders(with(v, "Upload-Offset", "2")),
            "abc",
            409,
            "UPLOAD_OFFSET_MISMATCH",
            Map.of()),
        new Row(
            "PATCH without the offset stream type is 415",
            "PATCH",
            () -> fresh(5, 0),
            with(with(v, "Upload-Offset", "0"), "Content-Type", "text/plain"),
            "abc",
            415,
            "INVALID_CONTENT_TYPE",
            Map.of()),
        new Row(
            "PATCH past the length is 413",
            "PATCH",
            () -> fresh(5, 0),
            patchHeaders(with(v, "Upload-Offset", "0")),
            "too many bytes",
            413,
            "UPLOAD_SIZE_EXCEEDED",
            Map.of()),
        new Row(
            "PATCH of the rest completes (204 with the new offset)",
            "PATCH",
            () -> fresh(5, 2),
            patchHeaders(with(v, "Upload-Offset", "2")),
            "llo",
            204,
            null,
            Map.of("Upload-Offset", "5")),
        new Row(
            "HEAD of an unknown upload is 404",
            "HEAD",
            () -> "/api/v1/uploads/nosuchupload",
            v,
            null,
            404,
            null,
            Map.of()),
        new Row(
            "someone else's upload does not exist",
            "HEAD",
            () -> fresh(5, 0),
            with(v, "X-Test-User", "mallory"),
            null,
            404,
            null,
            Map.of()),
        new Row(
            "HEAD of a finished upload reports its whole length",
            "HEAD",
            () -> fresh(5, 5),
            v,
            null,
            200,
            null,
            Map.of("Upload-Offset", "5", "Upload-Length", "5", "Cache-Control", "no-store")),
        new Row(
            "PATCH of an expired upload is 410",
            "PATCH",
            () -> expired(),
            patchHeaders(with(v, "Upload-Offset", "0")),
            "abc",
            410,
            "UPLOAD_EXPIRED",
            Map.of()),
        new Row(
            "termination answers 204", "DELETE", () -> fresh(5, 1), v, null, 204, null, Map.of()),
        new Row(
            "a terminated upload is gone (404)",
            "HEAD",
            () -> terminated(),
            v,
            null,
            404,
            null,
            Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void exchange(Row row) throws Exception {
    String path = row.path().get();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
            .method(
                row.method(),
                row.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(row.body()));
    Map<String, String> headers = new java.util.HashMap<>(row.headers());
    if (!row.name().startsWith("anonymous")) {
      headers.putIfAbsent("X-Test-User", "alice");
    }
    headers.forEach(request::header);
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(row.status(), response.statusCode(), row.name() + ": " + response.body());
    if (row.error() != null) {
      assertEquals(row.error(), new JsonObject(response.body()).getString("error"), row.name());
    }
    row.answerHeaders()
        .forEach(
            (name, value) ->
                assertEquals(
                    value,
                    response.headers().firstValue(name).orElse(null),
                    row.name() + " " + name));
    if (!row.method().equals("OPTIONS")) {
      assertEquals("1.0.0", response.headers().firstValue("Tus-Resumable").orElse(null));
    }
  }

  /** A new upload of alice's, at {@code offset} of {@code length} bytes. */
  private static String fresh(long length, long offset) {
    UploadState upload = STORE.put("alice", length, offset);
    return "/api/v1/uploads/" + upload.id();
  }

  /** An upload whose expiry the clock has passed. */
  private static String expired() {
    String path = fresh(5, 0);
    CLOCK.advance(Duration.ofHours(2));
    return path;
  }

  private static String terminated() {
    String path = fresh(5, 0);
    STORE.terminate(STORE.find(path.substring(path.lastIndexOf('/') + 1)).result().get()).await();
    return path;
  }

  private static Map<String, String> patchHeaders(Map<String, String> headers) {
    return with(headers, "Content-Type", "application/offset+octet-stream");
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return Map.copyOf(more);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A clock the test moves forward. */
  static final class SettableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** Uploads in a map, their bytes in memory; expiring an hour after creation. */
  static final class MemoryUploads
      implements UploadStore, TerminatingStore, ExpiringStore, LengthDeferringStore {
    private final Map<String, UploadState> uploads = new ConcurrentHashMap<>();
    private final Map<String, Buffer> bytes = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ExpiryPolicy expiry = new ExpiryPolicy(Duration.ofHours(1));
    private final Clock clock;

    MemoryUploads(Clock clock) {
      this.clock = clock;
    }

    UploadState put(String owner, long length, long offset) {
      UploadState upload =
          new UploadState(
              "u" + ids.incrementAndGet(),
              owner,
              length,
              offset,
              Map.of("filename", "a.bin"),
              clock.instant(),
              expiry.expiresAt(clock.instant()),
              UploadState.Concat.NONE,
              List.of(),
              "folder-1",
              null,
              null);
      uploads.put(upload.id(), upload);
      bytes.put(upload.id(), Buffer.buffer(new byte[(int) offset]));
      return upload;
    }

    @Override
    public ExpiryPolicy expiry() {
      return expiry;
    }

    @Override
    public Future<UploadState> create(NewUpload n) {
      UploadState upload =
          new UploadState(
              "u" + ids.incrementAndGet(),
              n.owner(),
              n.length(),
              0,
              n.metadata(),
              clock.instant(),
              expiry.expiresAt(clock.instant()),
              n.concat(),
              n.parts(),
              n.targetFolderId(),
              null,
              null);
      uploads.put(upload.id(), upload);
      bytes.put(upload.id(), Buffer.buffer());
      return Future.succeededFuture(upload);
    }

    @Override
    public Future<Optional<UploadState>> find(String id) {
      return Future.succeededFuture(Optional.ofNullable(uploads.get(id)));
    }

    @Override
    public Future<UploadState> append(
        UploadState upload, ReadStream<Buffer> body, Optional<UploadChecksum> checksum) {
      io.vertx.core.Promise<UploadState> done = io.vertx.core.Promise.promise();
      Buffer held = bytes.get(upload.id());
      body.handler(
          chunk -> {
            long room = upload.lengthDeferred() ? MAX : upload.length() - held.length();
            held.appendBuffer(chunk.length() > room ? chunk.slice(0, (int) room) : chunk);
          });
      body.exceptionHandler(done::tryFail);
      body.endHandler(
          v -> {
            UploadState now = at(upload, held.length());
            uploads.put(now.id(), now);
            done.tryComplete(now);
          });
      body.resume();
      return done.future();
    }

    private static UploadState at(UploadState u, long offset) {
      return new UploadState(
          u.id(),
          u.owner(),
          u.length(),
          offset,
          u.metadata(),
          u.createdAt(),
          u.expiresAt(),
          u.concat(),
          u.parts(),
          u.targetFolderId(),
          u.sha256(),
          u.fileId());
    }

    @Override
    public Future<Ingested> complete(UploadState upload, PrivacyStage privacy) {
      return Future.succeededFuture(new Ingested(null, List.of()));
    }

    @Override
    public Future<UploadState> registered(UploadState upload, String fileId) {
      UploadState done = uploads.get(upload.id()).withFileId(fileId);
      uploads.put(done.id(), done);
      return Future.succeededFuture(done);
    }

    @Override
    public Future<Void> terminate(UploadState upload) {
      uploads.remove(upload.id());
      bytes.remove(upload.id());
      return Future.succeededFuture();
    }

    @Override
    public Future<UploadState> declareLength(UploadState upload, long length) {
      UploadState sized =
          new UploadState(
              upload.id(),
              upload.owner(),
              length,
              upload.offset(),
              upload.metadata(),
              upload.createdAt(),
              upload.expiresAt(),
              upload.concat(),
              upload.parts(),
              upload.targetFolderId(),
              null,
              null);
      uploads.put(sized.id(), sized);
      return Future.succeededFuture(sized);
    }
  }

  /** Every request gets its lock at once (the table sends one request at a time). */
  static final class FreeLocks implements UploadLocks {
    @Override
    public Future<UploadLease> acquire(String uploadId, Runnable onReleaseRequested) {
      return Future.succeededFuture(
          new UploadLease() {
            @Override
            public Optional<UploadState> kept() {
              return Optional.empty();
            }

            @Override
            public Future<Void> release() {
              return Future.succeededFuture();
            }
          });
    }
  }

  /** Every caller may write to "folder-1"; a finished upload becomes file "file-" + its id. */
  static final class FakeDestination implements UploadDestination {
    final List<String> filed = new ArrayList<>();

    @Override
    public Future<String> target(Principal caller, String folderId) {
      return Future.succeededFuture("folder-1");
    }

    @Override
    public Future<String> file(
        UploadState upload, Principal caller, Function<PrivacyStage, Future<Ingested>> bytes) {
      return bytes
          .apply(null)
          .map(
              ingested -> {
                filed.add(upload.id());
                return "file-" + upload.id();
              });
    }
  }
}
