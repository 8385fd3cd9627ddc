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
      b.appendString("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").appendBytes(p).appendString("\r\n");
    }
    return b.appendString("--" + BOUNDARY + "--\r\n");
  }

  HttpResponse<Buffer> stow(String user, String path, Buffer body) {
    HttpRequest<Buffer> r = request(user, HttpMethod.POST, path)
        .putHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
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
