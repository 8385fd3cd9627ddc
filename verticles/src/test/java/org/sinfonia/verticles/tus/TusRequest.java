package org.sinfonia.verticles.tus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * One tus exchange with a test node, as a user, with {@code Tus-Resumable: 1.0.0} unless told
 * otherwise.
 */
final class TusRequest {

  private final TestNode node;
  private final Api api;
  private final HttpMethod method;
  private final String path;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String user = "alice";
  private Buffer body;

  TusRequest(TestNode node, Api api, HttpMethod method, String path) {
    this.node = node;
    this.api = api;
    this.method = method;
    this.path = path;
    headers.put("Tus-Resumable", "1.0.0");
  }

  TusRequest as(String who) {
    this.user = who;
    return this;
  }

  TusRequest header(String name, Object value) {
    if (value == null) {
      headers.remove(name);
    } else {
      headers.put(name, String.valueOf(value));
    }
    return this;
  }

  /** Upload bytes, as application/offset+octet-stream. */
  TusRequest bytes(byte[] data) {
    headers.put("Content-Type", "application/offset+octet-stream");
    this.body = Buffer.buffer(data);
    return this;
  }

  TusRequest metadata(String... keyValues) {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (header.length() > 0) {
        header.append(',');
      }
      header
          .append(keyValues[i])
          .append(' ')
          .append(
              Base64.getEncoder()
                  .encodeToString(keyValues[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return header("Upload-Metadata", header.toString());
  }

  HttpResponse<Buffer> send() {
    HttpRequest<Buffer> request = node.client.request(method, path);
    headers.forEach(request::putHeader);
    String token = api.token(user);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(body == null ? request.send() : request.sendBuffer(body));
  }

  /** Sends and checks the status, showing the body when it differs. */
  HttpResponse<Buffer> expect(int status) {
    HttpResponse<Buffer> r = send();
    org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), r.bodyAsString());
    return r;
  }
}
