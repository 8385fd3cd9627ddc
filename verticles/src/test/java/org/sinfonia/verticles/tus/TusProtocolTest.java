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
import org.sinfonia.verticles.testing.NoBlockedThreads;

/**
 * The tus protocol as a table of HTTP exchanges (tusd's {@code httpTest}): each case sets up what it needs,
 * sends one request over a real socket, and names the status and headers it must get back. Header values
 * of {@code "*"} only need to be present; headers named with {@code "-"} must be absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class TusProtocolTest {

  private static final byte[] TEN = "0123456789".getBytes(StandardCharsets.US_ASCII);

  record Case(String name, Function<TusFixture, HttpResponse<Buffer>> exchange, int status,
              Map<String, String> headers) {
    @Override
    public String toString() {
      return name;
    }
  }

  private TusFixture f;

  @BeforeAll
  void start() {
    f = new TusFixture(Map.of("SINFONIA_TUS_MAX_SIZE", "1MiB", "SINFONIA_TUS_LOCK_WAIT", "3s",
        "SINFONIA_TUS_LEASE", "2s"));
  }

  @AfterAll
  void stop() {
    f.close();
  }

  static Stream<Case> cases() {
    return Stream.of(
        // discovery
        new Case("OPTIONS advertises version, every extension, size and checksums",
            f -> f.request(HttpMethod.OPTIONS, UPLOADS).header("Tus-Resumable", null).as(null).send(), 204, Map.of(
                "Tus-Version", "1.0.0", "Tus-Max-Size", "1048576", "Tus-Checksum-Algorithm", "sha1,md5,sha256",
                "Tus-Extension", "creation,creation-with-upload,creation-defer-length,expiration,checksum,"
                    + "termination,concatenation")),
        // creation
        new Case("creation answers 201 with Location, offset 0 and expiry",
            f -> f.creation(10, "a.bin").send(), 201,
            Map.of("Location", "*", "Upload-Offset", "0", "Upload-Expires", "*", "Tus-Resumable", "1.0.0")),
        new Case("no Tus-Resumable is 412 naming the version",
            f -> f.creation(10, "a.bin").header("Tus-Resumable", null).send(), 412, Map.of("Tus-Version", "1.0.0")),
        new Case("an unsupported Tus-Resumable is 412",
            f -> f.creation(10, "a.bin").header("Tus-Resumable", "0.2.2").send(), 412, Map.of()),
        new Case("anonymous creation is 401", f -> f.creation(10, "a.bin").as(null).send(), 401, Map.of()),
        new Case("neither Upload-Length nor deferral is 400",
            f -> f.creation(10, "a.bin").header("Upload-Length", null).send(), 400, Map.of()),
        new Case("both Upload-Length and deferral is 400",
            f -> f.creation(10, "a.bin").header("Upload-Defer-Length", 1).send(), 400, Map.of()),
        new Case("a negative Upload-Length is 400", f -> f.creation(-1, "a.bin").send(), 400, Map.of()),
        new Case("a non-numeric Upload-Length is 400",
            f -> f.creation(1, "a.bin").header("Upload-Length", "ten").send(), 400, Map.of()),
        new Case("an Upload-Length past Tus-Max-Size is 413", f -> f.creation(1048577, "a.bin").send(), 413, Map.of()),
        new Case("an absurd Upload-Length is 400",
            f -> f.creation(1, "a.bin").header("Upload-Length", "99999999999999999999999").send(), 400, Map.of()),
        new Case("metadata without filename is 400",
            f -> f.creation(10, "a.bin").metadata("folderId", f.sharedFolder).send(), 400, Map.of()),
        new Case("malformed metadata base64 is 400",
            f -> f.creation(10, "a.bin").header("Upload-Metadata", "filename !!!notbase64").send(), 400, Map.of()),
        new Case("a metadata key twice is 400",
            f -> f.creation(10, "a.bin").header("Upload-Metadata", "filename YQ==,filename Yg==").send(), 400,
            Map.of()),
        new Case("a relativePath climbing out is 400",
            f -> f.creation(10, "a.bin").metadata("filename", "a.bin", "folderId", f.sharedFolder,
                "relativePath", "../../a.bin").send(), 400, Map.of()),
        new Case("a folder the caller may only read is 403",
            f -> f.creation(10, "a.bin").as("bob").send(), 403, Map.of()),
        new Case("a folder the caller cannot see is 404",
            f -> f.creation(10, "a.bin").as("carol").send(), 404, Map.of()),
        new Case("no folderId means the caller's home folder",
            f -> f.creation(10, "a.bin").metadata("filename", "a.bin").as("carol").send(), 201, Map.of()),
        new Case("deferred length is reported as Upload-Defer-Length",
            f -> f.creation(10, "a.bin").header("Upload-Length", null).header("Upload-Defer-Length", 1).send(), 201,
            Map.of("Upload-Defer-Length", "1")),
        new Case("creation-with-upload stores the first bytes",
            f -> f.creation(20, "a.bin").bytes(TEN).send(), 201, Map.of("Upload-Offset", "10")),
        new Case("creation-with-upload of everything registers the file",
            f -> f.creation(10, "whole.bin").bytes(TEN).send(), 201,
            Map.of("Upload-Offset", "10", "Sinfonia-File-Id", "*")),
        new Case("creation-with-upload past Upload-Length is 413",
            f -> f.creation(5, "a.bin").bytes(TEN).send(), 413, Map.of()),
        new Case("a zero-length upload is a file at once",
            f -> f.creation(0, "empty.bin").send(), 201, Map.of("Sinfonia-File-Id", "*")),
        // HEAD
        new Case("HEAD reports offset and length, never cached",
            f -> f.head(f.create("alice", 10, "h.bin")).send(), 200,
            Map.of("Upload-Offset", "0", "Upload-Length", "10", "Cache-Control", "no-store", "Upload-Metadata", "*")),
        new Case("HEAD of someone else's upload is 404",
            f -> f.head(f.create("alice", 10, "h.bin")).as("bob").send(), 404, Map.of()),
        new Case("HEAD by a site administrator is allowed",
            f -> f.head(f.create("alice", 10, "h.bin")).as("admin").send(), 200, Map.of()),
        new Case("HEAD of an unknown upload is 404",
            f -> f.head(UPLOADS + "/0123456789abcdef").send(), 404, Map.of()),
        new Case("HEAD without Tus-Resumable is 412",
            f -> f.head(f.create("alice", 10, "h.bin")).header("Tus-Resumable", null).send(), 412, Map.of()),
        // PATCH
        new Case("PATCH appends and answers the new offset",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).send(), 204,
            Map.of("Upload-Offset", "10", "Sinfonia-File-Id", "-")),
        new Case("the last PATCH names the repository file",
            f -> f.patch(f.create("alice", 10, "p.bin"), 0, TEN).send(), 204,
            Map.of("Upload-Offset", "10", "Sinfonia-File-Id", "*")),
        new Case("PATCH at the wrong offset is 409",
            f -> f.patch(f.create("alice", 20, "p.bin"), 3, TEN).send(), 409, Map.of()),
        new Case("PATCH without Upload-Offset is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Offset", null).send(), 400, Map.of()),
        new Case("PATCH with a negative Upload-Offset is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), -5, TEN).send(), 400, Map.of()),
        new Case("PATCH of another content type is 415",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Content-Type", "application/octet-stream")
                .send(), 415, Map.of()),
        new Case("PATCH past Upload-Length is 413",
            f -> f.patch(f.create("alice", 5, "p.bin"), 0, TEN).send(), 413, Map.of()),
        new Case("PATCH of someone else's upload is 404",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).as("bob").send(), 404, Map.of()),
        new Case("PATCH with a matching sha1 checksum is kept",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Checksum", checksum("SHA-1", "sha1"))
                .send(), 204, Map.of("Upload-Offset", "10")),
        new Case("PATCH with a matching md5 checksum is kept",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Checksum", checksum("MD5", "md5"))
                .send(), 204, Map.of("Upload-Offset", "10")),
        new Case("PATCH with a matching sha256 checksum is kept",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN)
                .header("Upload-Checksum", checksum("SHA-256", "sha256")).send(), 204, Map.of("Upload-Offset", "10")),
        new Case("PATCH with a wrong checksum is 460",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Checksum", "sha1 "
                + Base64.getEncoder().encodeToString(new byte[20])).send(), 460, Map.of()),
        new Case("PATCH with an unknown checksum algorithm is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Checksum", "crc32 AAAA").send(), 400,
            Map.of()),
        new Case("PATCH with a checksum that is not base64 is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Checksum", "sha1 ***").send(), 400,
            Map.of()),
        new Case("PATCH declares a deferred length",
            f -> f.patch(deferred(f), 0, TEN).header("Upload-Length", 10).send(), 204,
            Map.of("Upload-Length", "10", "Sinfonia-File-Id", "*")),
        new Case("PATCH that changes a known length is 400",
            f -> f.patch(f.create("alice", 20, "p.bin"), 0, TEN).header("Upload-Length", 30).send(), 400, Map.of()),
        new Case("PATCH after DELETE is 404", f -> {
          String upload = f.create("alice", 20, "p.bin");
          assertEquals(204, f.request(HttpMethod.DELETE, upload).send().statusCode());
          return f.patch(upload, 0, TEN).send();
        }, 404, Map.of()),
        new Case("PATCH through X-HTTP-Method-Override",
            f -> f.request(HttpMethod.POST, f.create("alice", 20, "p.bin")).header("X-HTTP-Method-Override", "PATCH")
                .header("Upload-Offset", 0).bytes(TEN).send(), 204, Map.of("Upload-Offset", "10")),
        // termination
        new Case("DELETE terminates", f -> f.request(HttpMethod.DELETE, f.create("alice", 20, "d.bin")).send(), 204,
            Map.of()),
        new Case("DELETE of someone else's upload is 404",
            f -> f.request(HttpMethod.DELETE, f.create("alice", 20, "d.bin")).as("bob").send(), 404, Map.of()),
        // concatenation
        new Case("a partial upload is reported as partial",
            f -> f.head(f.partial("alice", TEN)).send(), 200, Map.of("Upload-Concat", "partial", "Upload-Offset", "10")),
        new Case("a final upload joins its parts and registers the file",
            f -> f.request(HttpMethod.POST, UPLOADS).metadata("filename", "joined.bin", "folderId", f.sharedFolder)
                .header("Upload-Concat", "final;" + f.partial("alice", TEN) + " " + f.partial("alice", TEN)).send(),
            201, Map.of("Upload-Offset", "20", "Upload-Length", "20", "Sinfonia-File-Id", "*")),
        new Case("PATCH to a final upload is 403", f -> {
          HttpResponse<Buffer> created = f.request(HttpMethod.POST, UPLOADS)
              .metadata("filename", "joined.bin", "folderId", f.sharedFolder)
              .header("Upload-Concat", "final;" + f.partial("alice", TEN)).send();
          return f.patch(TusFixture.location(created), 10, TEN).send();
        }, 403, Map.of()),
        new Case("a final upload of an unfinished part is 400", f -> {
          String part = TusFixture.location(f.request(HttpMethod.POST, UPLOADS).header("Upload-Length", 20)
              .header("Upload-Concat", "partial").send());
          return f.request(HttpMethod.POST, UPLOADS).metadata("filename", "j.bin", "folderId", f.sharedFolder)
              .header("Upload-Concat", "final;" + part).send();
        }, 400, Map.of()),
        new Case("a final upload of someone else's part is 404",
            f -> f.request(HttpMethod.POST, UPLOADS).as("bob").metadata("filename", "j.bin")
                .header("Upload-Concat", "final;" + f.partial("alice", TEN)).send(), 404, Map.of()),
        new Case("a final upload naming a plain upload is 400",
            f -> f.request(HttpMethod.POST, UPLOADS).metadata("filename", "j.bin", "folderId", f.sharedFolder)
                .header("Upload-Concat", "final;" + f.create("alice", 0, "plain.bin")).send(), 400, Map.of()),
        new Case("a malformed Upload-Concat is 400",
            f -> f.creation(10, "a.bin").header("Upload-Concat", "sideways").send(), 400, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exchange(Case c) {
    HttpResponse<Buffer> r = c.exchange().apply(f);
    assertEquals(c.status(), r.statusCode(), c.name() + ": " + r.bodyAsString());
    c.headers().forEach((name, expected) -> {
      String got = r.getHeader(name);
      if (expected.equals("-")) {
        assertEquals(null, got, c.name() + ": header " + name);
      } else if (expected.equals("*")) {
        assertNotNull(got, c.name() + ": header " + name);
      } else {
        assertEquals(expected, got, c.name() + ": header " + name);
      }
    });
    if (c.status() >= 400 && r.body() != null) {
      assertTrue(r.bodyAsString().contains("\"error\""), c.name() + ": errors are JSON {error, message}");
    }
  }

  private static String deferred(TusFixture f) {
    return TusFixture.location(f.creation(0, "deferred.bin").header("Upload-Length", null)
        .header("Upload-Defer-Length", 1).send());
  }

  private static String checksum(String jca, String tus) {
    try {
      return tus + " " + Base64.getEncoder().encodeToString(MessageDigest.getInstance(jca).digest(TEN));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
