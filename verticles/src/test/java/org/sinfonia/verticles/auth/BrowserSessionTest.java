package org.sinfonia.verticles.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.core.time.SettableClock;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The portal's cookie session, its CSRF token, personal API tokens and name completion, over a real
 * socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class BrowserSessionTest {

  private TestNode node;

  @BeforeAll
  void start() {
    node = TestNode.start();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /** A logged-in browser: the cookie it was given and the CSRF token the portal keeps in memory. */
  private record Browser(String cookie, String csrf) {}

  private HttpResponse<Buffer> openSession(String user, String password) {
    return Await.result(
        node.client
            .post("/api/v1/session")
            .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
  }

  private Browser browser(String user, String password) {
    HttpResponse<Buffer> r = openSession(user, password);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    String setCookie =
        r.cookies().stream()
            .filter(c -> c.startsWith("sinfonia_session="))
            .findFirst()
            .orElseThrow();
    return new Browser(
        setCookie.substring(0, setCookie.indexOf(';')),
        r.bodyAsJsonObject().getString("csrfToken"));
  }

  private HttpRequest<Buffer> as(Browser b, HttpMethod method, String path) {
    return node.client.request(method, path).putHeader("Cookie", b.cookie());
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getString("error"), r.bodyAsString());
    assertFalse(r.bodyAsJsonObject().getString("message").isBlank());
  }

  @Test
  void loginSetsAnHttpOnlyStrictCookieAndAnswersWhoAndTheCsrfToken() {
    HttpResponse<Buffer> r = openSession("alice", "alice-demo");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    String cookie =
        r.cookies().stream()
            .filter(c -> c.startsWith("sinfonia_session="))
            .findFirst()
            .orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back");
    JsonObject body = r.bodyAsJsonObject();
    assertEquals("alice", body.getJsonObject("user").getString("login"));
    assertEquals(
        new JsonArray().add("physicists"), body.getJsonObject("user").getJsonArray("groups"));
    assertTrue(body.getString("csrfToken").length() >= 32);
    assertEquals(30 * 60, body.getLong("idleTimeoutSeconds"));
    assertFalse(
        body.encode().contains(cookie.substring("sinfonia_session=".length(), cookie.indexOf(';'))),
        "the session secret is only in the HttpOnly cookie");
    assertEquals("no-store", r.getHeader("Cache-Control"));
  }

  @Test
  void behindATlsProxyTheCookieIsSecure() {
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .post("/api/v1/session")
                .putHeader("X-Forwarded-Proto", "https")
                .sendJsonObject(
                    new JsonObject().put("username", "alice").put("password", "alice-demo")));
    assertTrue(r.cookies().get(0).contains("Secure"), r.cookies().toString());
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameGenericAnswer() {
    HttpResponse<Buffer> wrong = openSession("alice", "not-her-password");
    HttpResponse<Buffer> unknown = openSession("nobody-here", "whatever");
    assertError(wrong, 401, "INVALID_CREDENTIALS");
    assertEquals(wrong.bodyAsString(), unknown.bodyAsString());
    assertTrue(wrong.cookies().isEmpty());
  }

  @Test
  void theCookieAuthenticatesReadsAndTheSessionEndpointRepeatsTheCsrfToken() {
    Browser alice = browser("alice", "alice-demo");
    HttpResponse<Buffer> me = Await.result(as(alice, HttpMethod.GET, "/api/v1/users/me").send());
    assertEquals(200, me.statusCode(), me.bodyAsString());
    assertEquals("alice", me.bodyAsJsonObject().getString("login"));
    HttpResponse<Buffer> session =
        Await.result(as(alice, HttpMethod.GET, "/api/v1/session").send());
    assertEquals(200, session.statusCode(), session.bodyAsString());
    assertEquals(alice.csrf(), session.bodyAsJsonObject().getString("csrfToken"));
    assertError(
        Await.result(node.client.get("/api/v1/session").send()), 401, "AUTHENTICATION_REQUIRED");
  }

  @Test
  void changesThroughTheCookieNeedTheSessionsCsrfToken() {
    Browser alice = browser("alice", "alice-demo");
    Browser other = browser("alice", "alice-demo");
    JsonObject token = new JsonObject().put("name", "csrf check");
    assertError(
        Await.result(as(alice, HttpMethod.POST, "/api/v1/users/me/tokens").sendJsonObject(token)),
        403,
        "CSRF_TOKEN_MISSING");
    assertError(
        Await.result(
            as(alice, HttpMethod.POST, "/api/v1/users/me/tokens")
                .putHeader("X-CSRF-Token", other.csrf())
                .sendJsonObject(token)),
        403,
        "CSRF_TOKEN_INVALID");
    HttpResponse<Buffer> made =
        Await.result(
            as(alice, HttpMethod.POST, "/api/v1/users/me/tokens")
                .putHeader("X-CSRF-Token", alice.csrf())
                .sendJsonObject(token));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    // A bearer caller is not a browser: no CSRF token is asked of it.
    String bearer = node.login("alice", "alice-demo");
    HttpResponse<Buffer> scripted =
        Await.result(
            node.client
                .post("/api/v1/users/me/tokens")
                .putHeader("Authorization", "Bearer " + bearer)
                .sendJsonObject(token));
    assertEquals(201, scripted.statusCode(), scripted.bodyAsString());
  }

  @Test
  void logoutEndsTheSessionAndClearsTheCookie() {
    Browser bob = browser("bob", "bob-demo");
    assertError(
        Await.result(as(bob, HttpMethod.DELETE, "/api/v1/session").send()),
        403,
        "CSRF_TOKEN_MISSING");
    HttpResponse<Buffer> out =
        Await.result(
            as(bob, HttpMethod.DELETE, "/api/v1/session")
                .putHeader("X-CSRF-Token", bob.csrf())
                .send());
    assertEquals(204, out.statusCode(), out.bodyAsString());
    assertTrue(out.cookies().get(0).startsWith("sinfonia_session=;"), out.cookies().toString());
    assertTrue(out.cookies().get(0).contains("Max-Age=0"), out.cookies().toString());
    assertError(
        Await.result(as(bob, HttpMethod.GET, "/api/v1/users/me").send()), 401, "SESSION_EXPIRED");
    // The old cookie does not stand in the way of logging in again.
    HttpResponse<Buffer> again =
        Await.result(
            as(bob, HttpMethod.POST, "/api/v1/session")
                .sendJsonObject(
                    new JsonObject().put("username", "bob").put("password", "bob-demo")));
    assertEquals(200, again.statusCode(), again.bodyAsString());
  }

  @Test
  void aBrowserSessionEndsAfterTheIdleTimeoutButNotWhileUsed() {
    // The node's clock is the test's: time moves by advancing it, not by sleeping.
    SettableClock clock = SettableClock.atNow();
    try (TestNode idle = TestNode.start(Map.of("SINFONIA_AUTH_IDLE_TIMEOUT", "10m"), clock)) {
      HttpResponse<Buffer> r =
          Await.result(
              idle.client
                  .post("/api/v1/session")
                  .sendJsonObject(
                      new JsonObject().put("username", "alice").put("password", "alice-demo")));
      assertEquals(600, r.bodyAsJsonObject().getLong("idleTimeoutSeconds"));
      String cookie = r.cookies().get(0).substring(0, r.cookies().get(0).indexOf(';'));
      for (int i = 0;
          i < 4;
          i++) { // used every 4 min for 16 min: longer than the timeout, never idle
        clock.advance(Duration.ofMinutes(4));
        HttpResponse<Buffer> me =
            Await.result(idle.client.get("/api/v1/users/me").putHeader("Cookie", cookie).send());
        assertEquals(200, me.statusCode(), me.bodyAsString());
      }
      clock.advance(Duration.ofMinutes(10).plusSeconds(1));
      assertError(
          Await.result(idle.client.get("/api/v1/users/me").putHeader("Cookie", cookie).send()),
          401,
          "SESSION_EXPIRED");
    }
  }

  @Test
  void personalApiTokensAreListedWithoutSecretWorkAsBearerAndCanBeRevoked() {
    String bearer = node.login("bob", "bob-demo");
    HttpResponse<Buffer> made =
        Await.result(
            node.client
                .post("/api/v1/users/me/tokens")
                .putHeader("Authorization", "Bearer " + bearer)
                .sendJsonObject(
                    new JsonObject().put("name", "nightly sync").put("expiresInDays", 7)));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    JsonObject issued = made.bodyAsJsonObject();
    String secret = issued.getString("token");
    String id = issued.getString("id");
    assertEquals("nightly sync", issued.getString("name"));
    assertNotNull(issued.getString("expiresAt"));

    HttpResponse<Buffer> viaToken =
        Await.result(
            node.client
                .get("/api/v1/users/me")
                .putHeader("Authorization", "Bearer " + secret)
                .send());
    assertEquals("bob", viaToken.bodyAsJsonObject().getString("login"));

    HttpResponse<Buffer> list =
        Await.result(
            node.client
                .get("/api/v1/users/me/tokens")
                .putHeader("Authorization", "Bearer " + bearer)
                .send());
    JsonObject listed =
        list.bodyAsJsonArray().stream()
            .map(JsonObject.class::cast)
            .filter(t -> t.getString("id").equals(id))
            .findFirst()
            .orElseThrow();
    assertNull(listed.getString("token"));
    assertFalse(list.bodyAsString().contains(secret));
    assertEquals("nightly sync", listed.getString("name"));

    // Alice cannot see or revoke Bob's token.
    String alice = node.login("alice", "alice-demo");
    HttpResponse<Buffer> alices =
        Await.result(
            node.client
                .get("/api/v1/users/me/tokens")
                .putHeader("Authorization", "Bearer " + alice)
                .send());
    assertFalse(alices.bodyAsString().contains(id));
    assertError(
        Await.result(
            node.client
                .delete("/api/v1/users/me/tokens/" + id)
                .putHeader("Authorization", "Bearer " + alice)
                .send()),
        404,
        "TOKEN_NOT_FOUND");

    HttpResponse<Buffer> revoked =
        Await.result(
            node.client
                .delete("/api/v1/users/me/tokens/" + id)
                .putHeader("Authorization", "Bearer " + bearer)
                .send());
    assertEquals(204, revoked.statusCode(), revoked.bodyAsString());
    assertError(
        Await.result(
            node.client
                .get("/api/v1/users/me")
                .putHeader("Authorization", "Bearer " + secret)
                .send()),
        401,
        "INVALID_TOKEN");
  }

  @Test
  void badTokenRequestsGetClearErrors() {
    String bearer = node.login("bob", "bob-demo");
    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("name", " "),
            new JsonObject().put("name", "x".repeat(101)))) {
      assertError(
          Await.result(
              node.client
                  .post("/api/v1/users/me/tokens")
                  .putHeader("Authorization", "Bearer " + bearer)
                  .sendJsonObject(bad)),
          400,
          bad.containsKey("name") && bad.getString("name").length() > 1
              ? "INVALID_NAME"
              : "MISSING_FIELD");
    }
    for (Object days : List.of(0, 100_000, 1.5, "7")) {
      assertError(
          Await.result(
              node.client
                  .post("/api/v1/users/me/tokens")
                  .putHeader("Authorization", "Bearer " + bearer)
                  .sendJsonObject(new JsonObject().put("name", "n").put("expiresInDays", days))),
          400,
          "INVALID_EXPIRY");
    }
  }

  @Test
  void directoryCompletesUsersAndGroupsByPrefix() {
    node.login("alice", "alice-demo");
    node.login("bob", "bob-demo");
    String bearer = node.login("bob", "bob-demo");
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .get("/api/v1/directory?q=AL")
                .putHeader("Authorization", "Bearer " + bearer)
                .send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray users = r.bodyAsJsonObject().getJsonArray("users");
    assertEquals("alice", users.getJsonObject(0).getString("login"));
    assertEquals("Alice Physicist", users.getJsonObject(0).getString("name"));
    HttpResponse<Buffer> groups =
        Await.result(
            node.client
                .get("/api/v1/directory?q=phys")
                .putHeader("Authorization", "Bearer " + bearer)
                .send());
    assertEquals(
        new JsonArray().add(new JsonObject().put("name", "physicists")),
        groups.bodyAsJsonObject().getJsonArray("groups"));
    HttpResponse<Buffer> regex =
        Await.result(
            node.client
                .get("/api/v1/directory?q=.*")
                .putHeader("Authorization", "Bearer " + bearer)
                .send());
    assertEquals(
        0,
        regex.bodyAsJsonObject().getJsonArray("users").size(),
        "the prefix is text, not a pattern");
    assertError(
        Await.result(node.client.get("/api/v1/directory?q=a").send()),
        401,
        "AUTHENTICATION_REQUIRED");
    assertError(
        Await.result(
            node.client
                .get("/api/v1/directory?q=a&limit=zero")
                .putHeader("Authorization", "Bearer " + bearer)
                .send()),
        400,
        "INVALID_LIMIT");
  }
}
