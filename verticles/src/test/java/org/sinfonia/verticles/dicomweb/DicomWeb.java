package org.sinfonia.verticles.dicomweb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/** Blocking DICOMweb calls to a {@link TestNode} as a user, and multipart bodies for STOW-RS. */
final class DicomWeb {

  static final String BOUNDARY = "sinfonia-test-boundary-7d3f";

  private final TestNode node;
  private final Api api;

  DicomWeb(TestNode node, Api api) {
    this.node = node;
    this.api = api;
  }

  /**
   * Runs every DICOMweb path once as carol (whose home folder no test reads), then forgets the
   * blocked-thread warnings: the first use of each path loads and links its classes on an event
   * loop, which on a loaded machine can exceed the checker's limit; that is start-up cost, excused
   * like the node's own start-up.
   */
  void warmUp(Path dir) {
    try {
      String st = "1.2.826.0.9999.1";
      Path f =
          org.sinfonia.verticles.testing.DicomFiles.ct(
              dir, st, st + ".1", st + ".1.1", "Warm^Up", "W-1", "CT");
      stow("carol", "/dicom-web/studies", multipart(List.of(f)));
      stow("carol", "/dicom-web/studies/" + st + ".9", multipart(List.of(f)));
      String in = "/dicom-web/studies/" + st + "/series/" + st + ".1/instances/" + st + ".1.1";
      for (String q :
          List.of(
              "/dicom-web/studies?PatientName=warm*&includefield=00081030",
              "/dicom-web/series",
              "/dicom-web/studies/" + st + "/series",
              "/dicom-web/studies/" + st + "/instances")) {
        qido("carol", q);
      }
      get("carol", "/dicom-web/studies/" + st + "/metadata");
      get("carol", in + "/metadata");
      get("carol", "/dicom-web/studies/" + st, "multipart/related; type=\"application/dicom\"");
      get("carol", in + "/frames/1", "multipart/related; type=\"application/octet-stream\"");
      get("carol", in + "/bulkdata/0/16");
      org.sinfonia.verticles.testing.BlockedThreadAppender.drain();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static Buffer multipart(List<Path> files) throws IOException {
    Buffer b = Buffer.buffer();
    for (Path f : files) {
      b.appendString("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n");
      b.appendBytes(Files.readAllBytes(f));
      b.appendString("\r\n");
    }
    return b.appendString("--" + BOUNDARY + "--\r\n");
  }

  static Buffer multipartOf(List<byte[]> parts) {
    Buffer b = Buffer.buffer();
    for (byte[] p : parts) {
      b.appendString("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
          .appendBytes(p)
          .appendString("\r\n");
    }
    return b.appendString("--" + BOUNDARY + "--\r\n");
  }

  HttpResponse<Buffer> stow(String user, String path, Buffer body) {
    HttpRequest<Buffer> r =
        request(user, HttpMethod.POST, path)
            .putHeader(
                "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
            .putHeader("Accept", "application/dicom+json");
    return Await.result(r.sendBuffer(body), 120);
  }

  HttpResponse<Buffer> get(String user, String path) {
    return get(user, path, null);
  }

  HttpResponse<Buffer> get(String user, String path, String accept) {
    HttpRequest<Buffer> r = request(user, HttpMethod.GET, path);
    if (accept != null) {
      r.putHeader("Accept", accept);
    }
    return Await.result(r.send());
  }

  JsonArray qido(String user, String path) {
    HttpResponse<Buffer> r = get(user, path, "application/dicom+json");
    if (r.statusCode() != 200) {
      throw new AssertionError("QIDO " + path + " -> " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonArray();
  }

  HttpRequest<Buffer> request(String user, HttpMethod method, String path) {
    HttpRequest<Buffer> r = node.client.request(method, path);
    String token = api.token(user);
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return r;
  }
}
