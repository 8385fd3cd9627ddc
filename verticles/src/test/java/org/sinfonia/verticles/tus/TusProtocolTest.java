package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sinfonia.verticles.tus.TusFixture.UPLOADS;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinfonia.core.time.SettableClock;
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * The tus protocol as a table of HTTP exchanges (tusd's {@code httpTest} in {@code
 * unrouted_handler_test.go}): each case sets up what it needs, sends one request over a real
 * socket, and names the status, the headers and the JSON error code ({@code {error, message}},
 * docs/tus.md) it must get back. Header values of {@code "*"} only need to be present; headers
 * named with {@code "-"} must be absent; a null code means no error body (successes, and HEAD,
 * whose answers have no body). The node runs on the test's clock, so expiry is reached by advancing
 * it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusProtocolTest {

  private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);

  private static final Duration EXPIRY = Duration.ofMinutes(10);

  record Case(
      String name,
      Function<TusFixture, HttpResponse<Buffer>> exchange,
      int status,
      Map<String, String> headers,
      String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  private TusFixture f;

  @BeforeAll
  void start() {
    // The purge runs at start and then every hour of real time: an expired upload stays (410) for
    // the whole table.
    f =
        new TusFixture(
            Map.of(
                "SINFONIA_TUS_MAX_SIZE",
                "1MiB",
                "SINFONIA_TUS_LOCK_WAIT",
                "3s",
                "SINFONIA_TUS_LEASE",
                "2s",
                "SINFONIA_TUS_EXPIRY",
                "10m",
                "SINFONIA_TUS_PURGE_INTERVAL",
                "1h"),
            SettableClock.atNow());
  }

  @AfterAll
  void stop() {
    f.close();
  }

  static Stream<Case> cases() {
    return Stream.of(
        // discovery
        new Case(
            "OPTIONS advertises version, every extension, size and checksums",
            f ->
                f.request(HttpMethod.OPTIONS, UPLOADS)
                    .header("Tus-Resumable", null)
                    .as(null)
                    .send(),
            204,
            Map.of(
                "Tus-Version",
                "1.0.0",
                "Tus-Max-Size",
                "1048576",
                "Tus-Checksum-Algorithm",
                "sha1,md5,sha256",
                "Tus-Extension",
                "creation,creation-with-upload,creation-defer-length,expiration,checksum,"
                    + "termination,concatenation"),
            null),
        new Case(
            "OPTIONS of an upload URL advertises the same",
            f ->
                f.request(HttpMethod.OPTIONS, UPLOADS + "/0123456789abcdef")
                    .header("Tus-Resumable", null)
                    .as(null)
                    .send(),
            204,
            Map.of("Tus-Version", "1.0.0", "Tus-Max-Size", "1048576"),
            null),
        // creation
        new Case(
            "creation answers 201 with Location, offset 0 and expiry",
            f -> f.creation(10, "a.bin").send(),
            201,
            Map.of(
                "Location",
                "*",
                "Upload-Offset",
                "0",
                "Upload-Expires",
                "*",
                "Tus-Resumable",
                "1.0.0"),
            null),
        new Case(
            "no Tus-Resumable is 412 naming the version",
            f -> f.creation(10, "a.bin").header("Tus-Resumable", null).send(),
            412,
            Map.of("Tus-Version", "1.0.0"),
            "TUS_VERSION_UNSUPPORTED"),
        new Case(
            "an unsupported Tus-Resumable is 412",
            f -> f.creation(10, "a.bin").header("Tus-Resumable", "0.2.2").send(),
            412,
            Map.of(),
            "TUS_VERSION_UNSUPPORTED"),
        new Case(
            "anonymous creation is 401",
            f -> f.creation(10, "a.bin").as(null).send(),
            401,
            Map.of(),
            "AUTHENTICATION_REQUIRED"),
        new Case(
            "neither Upload-Length nor deferral is 400",
            f -> f.creation(10, "a.bin").header("Upload-Length", null).send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_LENGTH"),
        new Case(
            "both Upload-Length and deferral is 400",
            f -> f.creation(10, "a.bin").header("Upload-Defer-Length", 1).send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_LENGTH"),
        new Case(
            "a negative Upload-Length is 400",
            f -> f.creation(-1, "a.bin").send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_LENGTH"),
        new Case(
            "a non-numeric Upload-Length is 400",
            f -> f.creation(1, "a.bin").header("Upload-Length", "ten").send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_LENGTH"),
        new Case(
            "an Upload-Length past Tus-Max-Size is 413",
            f -> f.creation(1048577, "a.bin").send(),
            413,
            Map.of(),
            "UPLOAD_TOO_LARGE"),
        new Case(
            "an absurd Upload-Length is 400",
            f -> f.creation(1, "a.bin").header("Upload-Length", "99999999999999999999999").send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_LENGTH"),
        new Case(
            "metadata without filename is 400",
            f -> f.creation(10, "a.bin").metadata("folderId", f.sharedFolder).send(),
            400,
            Map.of(),
            "MISSING_FILENAME"),
        new Case(
            "malformed metadata base64 is 400",
            f -> f.creation(10, "a.bin").header("Upload-Metadata", "filename !!!notbase64").send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_METADATA"),
        new Case(
            "a metadata key twice is 400",
            f ->
                f.creation(10, "a.bin")
                    .header("Upload-Metadata", "filename YQ==,filename Yg==")
                    .send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_METADATA"),
        new Case(
            "a relativePath climbing out is 400",
            f ->
                f.creation(10, "a.bin")
                    .metadata(
                        "filename",
                        "a.bin",
                        "folderId",
                        f.sharedFolder,
                        "relativePath",
                        "../../a.bin")
                    .send(),
            400,
            Map.of(),
            "INVALID_RELATIVE_PATH"),
        new Case(
            "a folder the caller may only read is 403",
            f -> f.creation(10, "a.bin").as("bob").send(),
            403,
            Map.of(),
            "ACCESS_DENIED"),
        new Case(
            "a folder the caller cannot see is 404",
            f -> f.creation(10, "a.bin").as("carol").send(),
            404,
            Map.of(),
            "FOLDER_NOT_FOUND"),
        new Case(
            "no folderId means the caller's home folder",
            f -> f.creation(10, "a.bin").metadata("filename", "a.bin").as("carol").send(),
            201,
            Map.of(),
            null),
        new Case(
            "an Upload-Defer-Length other than 1 is 400",
            f ->
                f.creation(10, "a.bin")
                    .header("Upload-Length", null)
                    .header("Upload-Defer-Length", 2)
                    .send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_DEFER_LENGTH"),
        new Case(
            "deferred length is reported as Upload-Defer-Length",
            f ->
                f.creation(10, "a.bin")
                    .header("Upload-Length", null)
                    .header("Upload-Defer-Length", 1)
                    .send(),
            201,
            Map.of("Upload-Defer-Length", "1"),
            null),
        new Case(
            "creation-with-upload stores the first bytes",
            f -> f.creation(20, "a.bin").bytes(TEN).send(),
            201,
            Map.of("Upload-Offset", "10"),
            null),
        new Case(
            "creation-with-upload with a wrong checksum is 460 and still names the upload",
            f ->
                f.creation(20, "a.bin")
                    .bytes(TEN)
                    .header(
                        "Upload-Checksum",
                        "sha1 " + Base64.getEncoder().encodeToString(new byte[20]))
                    .send(),
            460,
            Map.of("Location", "*"),
            "CHECKSUM_MISMATCH"),
        new Case(
            "creation-with-upload of everything registers the file",
            f -> f.creation(10, "whole.bin").bytes(TEN).send(),
            201,
            Map.of("Upload-Offset", "10", "Sinfonia-File-Id", "*"),
            null),
        new Case(
            "creation-with-upload past Upload-Length is 413",
            f -> f.creation(5, "a.bin").bytes(TEN).send(),
            413,
            Map.of(),
            "UPLOAD_SIZE_EXCEEDED"),
        new Case(
            "a zero-length upload is a file at once",
            f -> f.creation(0, "empty.bin").send(),
            201,
            Map.of("Sinfonia-File-Id", "*"),
            null),
        // HEAD
        new Case(
            "HEAD reports offset and length, never cached",
            f -> f.head(f.create("alice", 10, "h.bin")).send(),
            200,
            Map.of(
                "Upload-Offset",
                "0",
                "Upload-Length",
                "10",
                "Cache-Control",
                "no-store",
                "Upload-Metadata",
                "*"),
            null),
        new Case(
            "HEAD of someone else's upload is 404",
            f -> f.head(f.create("alice", 10, "h.bin")).as("bob").send(),
            404,
            Map.of(),
            null),
        new Case(
            "HEAD by a site administrator is allowed",
            f -> f.head(f.create("alice", 10, "h.bin")).as("admin").send(),
            200,
            Map.of(),
            null),
        new Case(
            "HEAD of an unknown upload is 404",
            f -> f.head(UPLOADS + "/0123456789abcdef").send(),
            404,
            Map.of(),
            null),
        new Case(
            "HEAD after DELETE is 404",
            f -> {
              String upload = f.create("alice", 20, "h.bin");
              assertEquals(204, f.request(HttpMethod.DELETE, upload).send().statusCode());
              return f.head(upload).send();
            },
            404,
            Map.of(),
            null),
        new Case(
            "HEAD of an expired upload is 410",
            f -> {
              String upload = f.create("alice", 20, "h.bin");
              f.advance(EXPIRY.plusSeconds(1));
              return f.head(upload).send();
            },
            410,
            Map.of(),
            null),
        new Case(
            "HEAD without Tus-Resumable is 412",
            f -> f.head(f.create("alice", 10, "h.bin")).header("Tus-Resumable", null).send(),
            412,
            Map.of(),
            null),
        // PATCH
        new Case(
            "PATCH appends and answers the new offset",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).send(),
            204,
            Map.of("Upload-Offset", "10", "Sinfonia-File-Id", "-"),
            null),
        new Case(
            "the last PATCH names the repository file",
            f -> f.patch(f.create("alice", 10, "p.bin"), 0, TEN).send(),
            204,
            Map.of("Upload-Offset", "10", "Sinfonia-File-Id", "*"),
            null),
        new Case(
            "PATCH of an unknown upload is 404",
            f -> f.patch(UPLOADS + "/0123456789abcdef", 0, TEN).send(),
            404,
            Map.of(),
            "UPLOAD_NOT_FOUND"),
        new Case(
            "PATCH without Tus-Resumable is 412 naming the version",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Tus-Resumable", null)
                    .send(),
            412,
            Map.of("Tus-Version", "1.0.0"),
            "TUS_VERSION_UNSUPPORTED"),
        new Case(
            "PATCH after the upload expired is 410",
            f -> {
              String upload = f.create("alice", 20, "p.bin");
              f.advance(EXPIRY.plusSeconds(1));
              return f.patch(upload, 0, TEN).send();
            },
            410,
            Map.of(),
            "UPLOAD_EXPIRED"),
        new Case(
            "expiry counts from the last bytes received",
            f -> {
              String upload = f.create("alice", 30, "p.bin");
              f.advance(EXPIRY.minusMinutes(1));
              assertEquals(204, f.patch(upload, 0, TEN).send().statusCode());
              f.advance(EXPIRY.minusMinutes(1));
              return f.patch(upload, 10, TEN).send();
            },
            204,
            Map.of("Upload-Offset", "20", "Upload-Expires", "*"),
            null),
        new Case(
            "PATCH at the wrong offset is 409",
            f -> f.patch(f.create("alice", 20, "p.bin"), 3, TEN).send(),
            409,
            Map.of(),
            "UPLOAD_OFFSET_MISMATCH"),
        new Case(
            "PATCH without Upload-Offset is 400",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Upload-Offset", null)
                    .send(),
            400,
            Map.of(),
            "MISSING_UPLOAD_OFFSET"),
        new Case(
            "PATCH with a negative Upload-Offset is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), -5, TEN).send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_OFFSET"),
        new Case(
            "PATCH of another content type is 415",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Content-Type", "application/octet-stream")
                    .send(),
            415,
            Map.of(),
            "INVALID_CONTENT_TYPE"),
        new Case(
            "PATCH past Upload-Length is 413",
            f -> f.patch(f.create("alice", 5, "p.bin"), 0, TEN).send(),
            413,
            Map.of(),
            "UPLOAD_SIZE_EXCEEDED"),
        new Case(
            "PATCH of someone else's upload is 404",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).as("bob").send(),
            404,
            Map.of(),
            "UPLOAD_NOT_FOUND"),
        new Case(
            "PATCH with a matching sha1 checksum is kept",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Upload-Checksum", checksum("SHA-1", "sha1"))
                    .send(),
            204,
            Map.of("Upload-Offset", "10"),
            null),
        new Case(
            "PATCH with a matching md5 checksum is kept",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Upload-Checksum", checksum("MD5", "md5"))
                    .send(),
            204,
            Map.of("Upload-Offset", "10"),
            null),
        new Case(
            "PATCH with a matching sha256 checksum is kept",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Upload-Checksum", checksum("SHA-256", "sha256"))
                    .send(),
            204,
            Map.of("Upload-Offset", "10"),
            null),
        new Case(
            "PATCH with a wrong checksum is 460",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header(
                        "Upload-Checksum",
                        "sha1 " + Base64.getEncoder().encodeToString(new byte[20]))
                    .send(),
            460,
            Map.of(),
            "CHECKSUM_MISMATCH"),
        new Case(
            "PATCH with an unknown checksum algorithm is 400",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Upload-Checksum", "crc32 AAAA")
                    .send(),
            400,
            Map.of(),
            "UNSUPPORTED_CHECKSUM_ALGORITHM"),
        new Case(
            "PATCH with a checksum that is not base64 is 400",
            f ->
                f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                    .header("Upload-Checksum", "sha1 ***")
                    .send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_CHECKSUM"),
        new Case(
            "PATCH declares a deferred length",
            f -> f.patch(deferred(f), 0, TEN).header("Upload-Length", 10).send(),
            204,
            Map.of("Upload-Length", "10", "Sinfonia-File-Id", "*"),
            null),
        new Case(
            "PATCH without Upload-Length keeps a deferred upload deferred",
            f -> f.patch(deferred(f), 0, TEN).send(),
            204,
            Map.of("Upload-Offset", "10", "Upload-Defer-Length", "1", "Upload-Length", "-"),
            null),
        new Case(
            "PATCH declaring a deferred length past Tus-Max-Size is 413",
            f -> f.patch(deferred(f), 0, TEN).header("Upload-Length", 1048577).send(),
            413,
            Map.of(),
            "UPLOAD_TOO_LARGE"),
        new Case(
            "PATCH declaring a deferred length below the bytes received is 400",
            f -> {
              String upload = deferred(f);
              assertEquals(204, f.patch(upload, 0, TEN).send().statusCode());
              return f.patch(upload, 10, TEN).header("Upload-Length", 5).send();
            },
            400,
            Map.of(),
            "INVALID_UPLOAD_LENGTH"),
        new Case(
            "PATCH that changes a known length is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Length", 30).send(),
            400,
            Map.of(),
            "UPLOAD_LENGTH_ALREADY_SET"),
        new Case(
            "PATCH after DELETE is 404",
            f -> {
              String upload = f.create("alice", 20, "p.bin");
              assertEquals(204, f.request(HttpMethod.DELETE, upload).send().statusCode());
              return f.patch(upload, 0, TEN).send();
            },
            404,
            Map.of(),
            "UPLOAD_NOT_FOUND"),
        new Case(
            "PATCH through X-HTTP-Method-Override",
            f ->
                f.request(HttpMethod.POST, f.create("alice", 20, "p.bin"))
                    .header("X-HTTP-Method-Override", "PATCH")
                    .header("Upload-Offset", 0)
                    .bytes(TEN)
                    .send(),
            204,
            Map.of("Upload-Offset", "10"),
            null),
        // termination
        new Case(
            "DELETE terminates",
            f -> f.request(HttpMethod.DELETE, f.create("alice", 20, "d.bin")).send(),
            204,
            Map.of(),
            null),
        new Case(
            "DELETE of someone else's upload is 404",
            f -> f.request(HttpMethod.DELETE, f.create("alice", 20, "d.bin")).as("bob").send(),
            404,
            Map.of(),
            "UPLOAD_NOT_FOUND"),
        new Case(
            "DELETE of an unknown upload is 404",
            f -> f.request(HttpMethod.DELETE, UPLOADS + "/0123456789abcdef").send(),
            404,
            Map.of(),
            "UPLOAD_NOT_FOUND"),
        // concatenation
        new Case(
            "a partial upload is reported as partial",
            f -> f.head(f.partial("alice", TEN)).send(),
            200,
            Map.of("Upload-Concat", "partial", "Upload-Offset", "10"),
            null),
        new Case(
            "a final upload joins its parts and registers the file",
            f ->
                f.request(HttpMethod.POST, UPLOADS)
                    .metadata("filename", "joined.bin", "folderId", f.sharedFolder)
                    .header(
                        "Upload-Concat",
                        "final;" + f.partial("alice", TEN) + " " + f.partial("alice", TEN))
                    .send(),
            201,
            Map.of("Upload-Offset", "20", "Upload-Length", "20", "Sinfonia-File-Id", "*"),
            null),
        new Case(
            "PATCH to a final upload is 403",
            f -> {
              HttpResponse<Buffer> created =
                  f.request(HttpMethod.POST, UPLOADS)
                      .metadata("filename", "joined.bin", "folderId", f.sharedFolder)
                      .header("Upload-Concat", "final;" + f.partial("alice", TEN))
                      .send();
              return f.patch(TusFixture.location(created), 10, TEN).send();
            },
            403,
            Map.of(),
            "UPLOAD_IS_FINAL"),
        new Case(
            "a final upload of an unfinished part is 400",
            f -> {
              String part =
                  TusFixture.location(
                      f.request(HttpMethod.POST, UPLOADS)
                          .header("Upload-Length", 20)
                          .header("Upload-Concat", "partial")
                          .send());
              return f.request(HttpMethod.POST, UPLOADS)
                  .metadata("filename", "j.bin", "folderId", f.sharedFolder)
                  .header("Upload-Concat", "final;" + part)
                  .send();
            },
            400,
            Map.of(),
            "PARTIAL_UPLOAD_INCOMPLETE"),
        new Case(
            "a final upload of someone else's part is 404",
            f ->
                f.request(HttpMethod.POST, UPLOADS)
                    .as("bob")
                    .metadata("filename", "j.bin")
                    .header("Upload-Concat", "final;" + f.partial("alice", TEN))
                    .send(),
            404,
            Map.of(),
            "UPLOAD_NOT_FOUND"),
        new Case(
            "a final upload naming a plain upload is 400",
            f ->
                f.request(HttpMethod.POST, UPLOADS)
                    .metadata("filename", "j.bin", "folderId", f.sharedFolder)
                    .header("Upload-Concat", "final;" + f.create("alice", 0, "plain.bin"))
                    .send(),
            400,
            Map.of(),
            "NOT_A_PARTIAL_UPLOAD"),
        new Case(
            "a malformed Upload-Concat is 400",
            f -> f.creation(10, "a.bin").header("Upload-Concat", "sideways").send(),
            400,
            Map.of(),
            "INVALID_UPLOAD_CONCAT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exchange(Case c) {
    HttpResponse<Buffer> r = c.exchange().apply(f);
    assertEquals(c.status(), r.statusCode(), c.name() + ": " + r.bodyAsString());
    c.headers()
        .forEach(
            (name, expected) -> {
              String got = r.getHeader(name);
              if (expected.equals("-")) {
                assertEquals(null, got, c.name() + ": header " + name);
              } else if (expected.equals("*")) {
                assertNotNull(got, c.name() + ": header " + name);
              } else {
                assertEquals(expected, got, c.name() + ": header " + name);
              }
            });
    if (c.error() != null) {
      assertEquals("application/json", r.getHeader("Content-Type"), c.name());
      assertEquals(
          c.error(), r.bodyAsJsonObject().getString("error"), c.name() + ": " + r.bodyAsString());
      assertNotNull(r.bodyAsJsonObject().getString("message"), c.name());
    } else if (c.status() >= 400 && r.body() != null) {
      assertTrue(
          r.bodyAsString().contains("\"error\""), c.name() + ": errors are JSON {error, message}");
    }
  }

  private static String deferred(TusFixture f) {
    return TusFixture.location(
        f.creation(0, "deferred.bin")
            .header("Upload-Length", null)
            .header("Upload-Defer-Length", 1)
            .send());
  }

  private static String checksum(String jca, String tus) {
    try {
      return tus
          + " "
          + Base64.getEncoder().encodeToString(MessageDigest.getInstance(jca).digest(TEN));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
