package org.sinfonia.verticles.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Blocking calls to a {@link TestNode}'s API as a given user (tokens cached per user), for readable
 * tests.
 */
public final class Api {

  private final TestNode node;
  private final Map<String, String> passwords;
  private final Map<String, String> tokens = new HashMap<>();

  public Api(TestNode node, Map<String, String> passwords) {
    this.node = node;
    this.passwords = passwords;
  }

  public static Api demo(TestNode node) {
    return new Api(
        node,
        Map.of(
            "admin",
            "admin-demo",
            "alice",
            "alice-demo",
            "bob",
            "bob-demo",
            "carol",
            "carol-demo",
            "dave",
            "dave-test",
            "erin",
            "erin-test"));
  }

  /** An access list in the API's JSON form. */
  public static JsonObject acl(
      boolean isPublic, Map<String, Integer> users, Map<String, Integer> groups) {
    JsonArray u = new JsonArray();
    users.forEach((k, v) -> u.add(new JsonObject().put("login", k).put("level", v)));
    JsonArray g = new JsonArray();
    groups.forEach((k, v) -> g.add(new JsonObject().put("name", k).put("level", v)));
    return new JsonObject().put("public", isPublic).put("users", u).put("groups", g);
  }

  /** A user's token; {@code null} or {@code "anonymous"} sends no credentials. */
  public String token(String user) {
    if (user == null || user.equals("anonymous")) {
      return null;
    }
    return tokens.computeIfAbsent(user, u -> node.login(u, passwords.get(u)));
  }

  public HttpResponse<Buffer> call(String user, HttpMethod method, String path, Object body) {
    HttpRequest<Buffer> request = node.client.request(method, "/api/v1" + path);
    String token = token(user);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body == null) {
      return Await.result(request.send());
    }
    if (body instanceof Buffer b) {
      return Await.result(request.sendBuffer(b));
    }
    return Await.result(request.sendJsonObject((JsonObject) body));
  }

  public HttpResponse<Buffer> get(String user, String path) {
    return call(user, HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String user, String path, JsonObject body) {
    return call(user, HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> put(String user, String path, JsonObject body) {
    return call(user, HttpMethod.PUT, path, body);
  }

  public HttpResponse<Buffer> patch(String user, String path, JsonObject body) {
    return call(user, HttpMethod.PATCH, path, body);
  }

  public HttpResponse<Buffer> delete(String user, String path) {
    return call(user, HttpMethod.DELETE, path, null);
  }

  /** Calls and insists on {@code status}, returning the JSON object body. */
  public JsonObject expect(int status, HttpResponse<Buffer> r) {
    if (r.statusCode() != status) {
      throw new AssertionError(
          "expected " + status + " but got " + r.statusCode() + ": " + r.bodyAsString());
    }
    boolean json = String.valueOf(r.getHeader("Content-Type")).startsWith("application/json");
    return r.body() == null || r.body().length() == 0 || !json
        ? new JsonObject()
        : r.bodyAsJsonObject();
  }

  public JsonArray expectList(HttpResponse<Buffer> r) {
    if (r.statusCode() != 200) {
      throw new AssertionError("expected 200 but got " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonArray();
  }

  public String id(int status, HttpResponse<Buffer> r) {
    return expect(status, r).getString("id");
  }

  public JsonObject upload(String user, String folderId, String name, byte[] data) {
    HttpRequest<Buffer> request =
        node.client
            .post("/api/v1/folders/" + folderId + "/files")
            .addQueryParam("name", name)
            .putHeader("Content-Type", "application/octet-stream");
    String token = token(user);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return expect(201, Await.result(request.sendBuffer(Buffer.buffer(data))));
  }
}
