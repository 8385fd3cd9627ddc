package org.sinfonia.verticles.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/** Login, sessions and HTTP Basic against the embedded directory, over a real socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class LoginApiTest {

  private TestNode node;

  @BeforeAll
  void start() {
    node = TestNode.start();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private HttpResponse<Buffer> token(Object user, Object password) {
    return Await.result(
        node.client
            .post("/api/v1/auth/token")
            .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
  }

  private HttpResponse<Buffer> me(String authorization) {
    var request = node.client.get("/api/v1/users/me");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(request.send());
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/json", r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(code, body.getString("error"));
    assertFalse(body.getString("message").isBlank());
    assertFalse(
        r.bodyAsString().contains("Exception"),
        "no stack trace or exception name reaches a client");
  }

  @Test
  void aliceLogsInAndReadsHerRecord() {
    HttpResponse<Buffer> login = token("alice", "alice-demo");
    assertEquals(200, login.statusCode(), login.bodyAsString());
    JsonObject issued = login.bodyAsJsonObject();
    assertTrue(issued.getString("token").length() >= 40);
    assertTrue(
        Instant.parse(issued.getString("expiresAt")).isAfter(Instant.now().plusSeconds(3600)));
    assertEquals("no-store", login.getHeader("Cache-Control"));

    HttpResponse<Buffer> me = me("Bearer " + issued.getString("token"));
    assertEquals(200, me.statusCode(), me.bodyAsString());
    JsonObject user = me.bodyAsJsonObject();
    assertEquals("alice", user.getString("login"));
    assertEquals("Alice Physicist", user.getString("name"));
    assertEquals("alice@sinfonia.local", user.getString("email"));
    assertEquals(new JsonArray().add("physicists"), user.getJsonArray("groups"));
    assertFalse(user.getBoolean("admin"));
    assertTrue(user.containsKey("homeFolderId"));
  }

  @Test
  void adminGroupMakesASiteAdministrator() {
    JsonObject me = me("Bearer " + node.login("admin", "admin-demo")).bodyAsJsonObject();
    assertTrue(me.getBoolean("admin"));
    assertEquals(new JsonArray().add("admins"), me.getJsonArray("groups"));
    JsonObject carol = me("Bearer " + node.login("carol", "carol-demo")).bodyAsJsonObject();
    assertEquals(new JsonArray(), carol.getJsonArray("groups"));
    assertFalse(carol.getBoolean("admin"));
  }

  @Test
  void bobUsesHttpBasic() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("bob:bob-demo".getBytes());
    HttpResponse<Buffer> first = me(basic);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals("bob", first.bodyAsJsonObject().getString("login"));
    assertEquals(
        List.of("radiologists"), first.bodyAsJsonObject().getJsonArray("groups").getList());
    assertEquals(200, me(basic).statusCode(), "cached Basic credentials keep working");
    String wrong = "Basic " + Base64.getEncoder().encodeToString("bob:nope".getBytes());
    assertError(me(wrong), 401, "INVALID_CREDENTIALS");
    assertNotNull(me(wrong).getHeader("WWW-Authenticate"));
  }

  /** Firefox would answer a Basic challenge to a page's fetch with a password dialog of its own. */
  @Test
  void aPagesOwnRequestsAreNotOfferedBasic() {
    String both = "Bearer realm=\"sinfonia\", Basic realm=\"sinfonia\"";
    assertEquals(both, me(null).getHeader("WWW-Authenticate"), "curl and scripts");
    assertEquals(
        both,
        Await.result(
                node.client.get("/api/v1/users/me").putHeader("Sec-Fetch-Mode", "navigate").send())
            .getHeader("WWW-Authenticate"),
        "an API address typed into the browser");
    for (String[] header :
        new String[][] {
          {"Sec-Fetch-Mode", "cors"},
          {"Sec-Fetch-Mode", "same-origin"},
          {"Sec-Fetch-Mode", "no-cors"},
          {"X-Requested-With", "XMLHttpRequest"}
        }) {
      HttpResponse<Buffer> r =
          Await.result(node.client.get("/api/v1/users/me").putHeader(header[0], header[1]).send());
      assertError(r, 401, "AUTHENTICATION_REQUIRED");
      assertEquals(
          "Bearer realm=\"sinfonia\"", r.getHeader("WWW-Authenticate"), String.join(": ", header));
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    HttpResponse<Buffer> wrongPassword = token("carol", "not-carols");
    HttpResponse<Buffer> unknownUser = token("mallory", "whatever");
    assertError(wrongPassword, 401, "INVALID_CREDENTIALS");
    assertError(unknownUser, 401, "INVALID_CREDENTIALS");
    assertEquals(wrongPassword.bodyAsString(), unknownUser.bodyAsString());
  }

  @Test
  void emptyPasswordIsRefusedBeforeTheDirectory() {
    assertError(token("alice", ""), 401, "INVALID_CREDENTIALS");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*",
        "alice*",
        "a)(uid=*",
        "(|(uid=*))",
        "alice\\2a",
        "uid=alice,ou=people",
        "alice\u0000",
        "alice bob",
        "",
        " alice",
        "al+ice",
        "al=ice",
        "../alice",
        "ålice"
      })
  void ldapInjectionNamesAreRefused(String name) {
    HttpResponse<Buffer> r = token(name, "alice-demo");
    assertError(r, 400, "INVALID_USERNAME");
    assertFalse(
        r.bodyAsString().contains(name.isEmpty() ? "\u0001" : name),
        "the hostile name is not echoed");
    String basic = "Basic " + Base64.getEncoder().encodeToString((name + ":alice-demo").getBytes());
    assertEquals(401, me(basic).statusCode());
  }

  @Test
  void malformedRequestsGetClearErrors() {
    assertError(
        Await.result(
            node.client
                .post("/api/v1/auth/token")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{not json"))),
        400,
        "MALFORMED_JSON");
    assertError(
        Await.result(
            node.client
                .post("/api/v1/auth/token")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("[1,2]"))),
        400,
        "MALFORMED_JSON");
    assertError(token(42, "x"), 400, "MISSING_FIELD");
    assertError(
        Await.result(
            node.client
                .post("/api/v1/auth/token")
                .putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("alice"))),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertError(me(null), 401, "AUTHENTICATION_REQUIRED");
    assertError(me("Bearer not-a-token"), 401, "INVALID_TOKEN");
    assertError(me("Digest abc"), 401, "UNSUPPORTED_AUTHORIZATION");
    assertError(me("Basic %%%"), 401, "MALFORMED_AUTHORIZATION");
    assertError(Await.result(node.client.get("/api/v1/no/such/route").send()), 404, "NOT_FOUND");
  }

  @Test
  void revokedTokensStopWorking() {
    String token = node.login("alice", "alice-demo");
    assertEquals(200, me("Bearer " + token).statusCode());
    HttpResponse<Buffer> revoke =
        Await.result(
            node.client
                .delete("/api/v1/auth/token")
                .putHeader("Authorization", "Bearer " + token)
                .send());
    assertEquals(204, revoke.statusCode());
    assertError(me("Bearer " + token), 401, "INVALID_TOKEN");
  }

  @Test
  void repeatedFailuresAreThrottledPerUser() {
    int max = node.config.auth().throttleMaxFailures();
    for (int i = 0; i < max; i++) {
      assertError(token("carol", "wrong-" + i), 401, "INVALID_CREDENTIALS");
    }
    // Even the right password is refused while the lockout lasts, so guessing gains nothing.
    assertError(token("carol", "carol-demo"), 429, "LOGIN_THROTTLED");
  }
}
