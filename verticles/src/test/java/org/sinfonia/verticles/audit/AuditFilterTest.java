package org.sinfonia.verticles.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * {@code GET /api/v1/audit} over a real socket: the user, action and date filters are applied by
 * the query itself, so a page of one action is full even when other actions are newer (the portal
 * used to filter actions in the browser, after the limit, and showed too few).
 */
@ExtendWith(NoBlockedThreads.class)
class AuditFilterTest {

  static TestNode node;
  static Api api;
  static Instant before;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    api = Api.demo(node);
    before = Instant.now();
    for (int i = 1; i <= 3; i++) {
      api.expect(
          201, api.post("alice", "/users/me/tokens", new JsonObject().put("name", "script " + i)));
    }
    api.expect(
        201, api.post("bob", "/users/me/tokens", new JsonObject().put("name", "bob's script")));
    // Newer than alice's tokens: lists of her latest events start with these.
    for (int i = 0; i < 5; i++) {
      api.expect(200, api.get("alice", "/users/me"));
      api.expect(
          201,
          api.post(
              "alice",
              "/folders",
              new JsonObject()
                  .put("parentType", "folder")
                  .put(
                      "parentId",
                      api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId"))
                  .put("name", "f" + i)));
    }
    waitFor("/audit?action=token.create", 4);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Audit entries are written after the answer; waits until the query finds {@code n}. */
  static JsonArray waitFor(String query, int n) {
    Instant deadline = Instant.now().plusSeconds(10);
    JsonArray events = api.expectList(api.get("admin", query));
    while (events.size() < n && Instant.now().isBefore(deadline)) {
      Await.result(node.vertx.timer(20));
      events = api.expectList(api.get("admin", query));
    }
    return events;
  }

  static List<String> field(JsonArray events, String name) {
    return events.stream().map(o -> ((JsonObject) o).getString(name)).toList();
  }

  @Test
  void userAndActionFilterInTheQueryAndPageThroughTheMatches() {
    JsonArray alices = api.expectList(api.get("admin", "/audit?user=alice&action=token.create"));
    assertEquals(3, alices.size(), alices.encode());
    assertEquals(List.of("token.create", "token.create", "token.create"), field(alices, "action"));
    assertEquals(List.of("alice", "alice", "alice"), field(alices, "user"));
    JsonArray first =
        api.expectList(api.get("admin", "/audit?user=alice&action=token.create&limit=2"));
    JsonArray rest =
        api.expectList(api.get("admin", "/audit?user=alice&action=token.create&limit=2&offset=2"));
    assertEquals(2, first.size());
    assertEquals(
        1, rest.size(), "the third match is on the second page, not lost behind newer actions");
    assertEquals(alices.getJsonObject(2), rest.getJsonObject(0));
    assertEquals(
        List.of("bob"),
        field(api.expectList(api.get("admin", "/audit?action=token.create&user=bob")), "user"));
    assertEquals(4, api.expectList(api.get("admin", "/audit?action=token.create")).size());
    // An empty field, as a form sends it, does not filter.
    assertEquals(
        4, api.expectList(api.get("admin", "/audit?action=token.create&user=&resource=")).size());
    assertEquals(
        0,
        api.expectList(api.get("admin", "/audit?action=token.creat")).size(),
        "actions match exactly");
  }

  @Test
  void sinceIsInclusiveUntilIsExclusive() {
    JsonArray all = api.expectList(api.get("admin", "/audit?user=alice&action=token.create"));
    Instant newest = Instant.parse(all.getJsonObject(0).getString("at"));
    Instant oldest = Instant.parse(all.getJsonObject(2).getString("at"));
    assertEquals(
        3,
        api.expectList(
                api.get(
                    "admin",
                    "/audit?user=alice&action=token.create&since="
                        + before
                        + "&until="
                        + Instant.now().plusSeconds(60)))
            .size());
    long atOrAfterNewest =
        field(all, "at").stream().filter(at -> !Instant.parse(at).isBefore(newest)).count();
    assertEquals(
        atOrAfterNewest,
        api.expectList(api.get("admin", "/audit?user=alice&action=token.create&since=" + newest))
            .size());
    assertTrue(atOrAfterNewest < 3 || newest.equals(oldest));
    assertTrue(
        api.expectList(api.get("admin", "/audit?user=alice&action=token.create&until=" + oldest))
            .isEmpty());
    assertTrue(
        api.expectList(
                api.get("admin", "/audit?user=alice&since=" + Instant.now().plusSeconds(3600)))
            .isEmpty());
    assertEquals(400, api.get("admin", "/audit?until=2026-13-01").statusCode());
    assertEquals(403, api.get("alice", "/audit?action=login").statusCode());
  }
}
