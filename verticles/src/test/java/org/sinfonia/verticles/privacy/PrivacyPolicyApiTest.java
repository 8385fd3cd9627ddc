package org.sinfonia.verticles.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;
import org.sinfonia.verticles.tree.FileEvents;
import org.sinfonia.verticles.tree.MongoTreeRepository;
import org.sinfonia.web.privacy.FolderPrivacyPolicies;

/**
 * {@code GET|PUT|DELETE /{collections|folders}/{id}/privacy} over a real socket, on a node whose
 * site default comes from configuration ({@code flag} with {@code retainUids}): inheritance from
 * the site through a collection, a folder and a subfolder; overriding and clearing; who may see and
 * who may change; malformed bodies with the parser's codes; the audit trail; and {@link
 * FolderPrivacyPolicies#effectiveFor}, the ingest stage's question, agreeing with the endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class PrivacyPolicyApiTest {

  private TestNode node;
  private Api api;
  private MongoClient mongo;

  /** Reads the node's store afresh (its own cache, empty): what a second node would answer. */
  private FolderPrivacyPolicies policies;

  @BeforeAll
  void start() throws Exception {
    Path profile = Files.createTempFile("privacy-profile-", ".yaml");
    Files.writeString(
        profile, "privacy:\n  defaultPolicy: flag\n  defaultOptions:\n    retainUids: true\n");
    node = TestNode.start(Map.of("SINFONIA_PROFILE", profile.toString()));
    api = Api.demo(node);
    mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
    policies =
        new FolderPrivacyPolicies(
            new MongoTreeRepository(mongo, FileEvents.NONE, Clock.systemUTC()),
            node.config.privacy().defaultPolicy(),
            Duration.ZERO);
  }

  @AfterAll
  void stop() {
    Await.result(mongo.close());
    node.close();
  }

  /** A collection (alice ADMIN, bob READ) with a folder and a subfolder: ids in that order. */
  private String[] tree(String name) {
    String collection =
        api.id(
            201,
            api.post(
                "admin", "/collections", new JsonObject().put("name", name).put("public", false)));
    api.expect(
        200,
        api.put(
            "admin",
            "/collections/" + collection + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    String folder = folder("collection", collection, "site A");
    String subfolder = folder("folder", folder, "patient 001");
    return new String[] {collection, folder, subfolder};
  }

  private String folder(String parentType, String parentId, String name) {
    return api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", parentType)
                .put("parentId", parentId)
                .put("name", name)));
  }

  private static JsonObject policy(String kind) {
    return new JsonObject().put("policy", kind);
  }

  private JsonObject privacy(String user, String type, String id) {
    return api.expect(200, api.get(user, "/" + type + "/" + id + "/privacy"));
  }

  /** The policy in force for a folder, from the endpoint and from the ingest stage's interface. */
  private String effectiveKind(String folderId) {
    String fromEndpoint = privacy("bob", "folders", folderId).getString("policy");
    PrivacyPolicy fromStage = Await.result(policies.effectiveFor(folderId));
    assertEquals(fromEndpoint, fromStage.kind().json(), "effectiveFor agrees with GET");
    return fromEndpoint;
  }

  private static void assertFrom(JsonObject view, String type, String id, boolean inherited) {
    assertEquals(type, view.getJsonObject("from").getString("type"), view.encode());
    assertEquals(id, view.getJsonObject("from").getString("id"), view.encode());
    assertEquals(inherited, view.getBoolean("inherited"), view.encode());
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(code, r.bodyAsJsonObject().getString("error"), r.bodyAsString());
  }

  @Test
  void siteDefaultComesFromConfiguration() {
    String[] t = tree("Site default");
    for (String[] resource :
        new String[][] {{"collections", t[0]}, {"folders", t[1]}, {"folders", t[2]}}) {
      JsonObject view = privacy("bob", resource[0], resource[1]);
      assertEquals("flag", view.getString("policy"));
      assertTrue(view.getJsonObject("options").getBoolean("retainUids"), view.encode());
      assertFalse(view.getJsonObject("options").getBoolean("retainDeviceIdentity"));
      assertFrom(view, "site", null, true);
      assertNull(view.getValue("own"), "nothing set on the resource itself");
    }
    assertEquals("flag", effectiveKind(t[2]));
    String home = api.expect(200, api.get("carol", "/users/me")).getString("homeFolderId");
    assertFrom(privacy("carol", "folders", home), "site", null, true);
    assertEquals("flag", Await.result(policies.effectiveFor(home)).kind().json());
  }

  @Test
  void inheritedFromCollectionToFolderToSubfolderOverriddenAndCleared() {
    String[] t = tree("Inheritance");
    assertEquals("flag", effectiveKind(t[2])); // fills the node's cache for the subfolder's chain

    JsonObject set =
        new JsonObject()
            .put("policy", "deidentify")
            .put(
                "options",
                new JsonObject()
                    .put("retainPatientCharacteristics", true)
                    .put(
                        "safePrivate",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("group", "0019")
                                    .put("creator", "SIEMENS CT VA0  COAD")
                                    .put("element", "08"))));
    JsonObject own = api.expect(200, api.put("alice", "/collections/" + t[0] + "/privacy", set));
    assertEquals("deidentify", own.getString("policy"));
    assertFrom(own, "collection", t[0], false);
    assertEquals(own.getJsonObject("options"), own.getJsonObject("own").getJsonObject("options"));
    assertTrue(own.getJsonObject("options").getBoolean("retainPatientCharacteristics"));
    assertFalse(own.getJsonObject("options").getBoolean("retainUids"), "options written out");
    assertEquals(
        "0019",
        own.getJsonObject("options")
            .getJsonArray("safePrivate")
            .getJsonObject(0)
            .getString("group"));

    for (String folder : new String[] {t[1], t[2]}) {
      JsonObject view = privacy("bob", "folders", folder);
      assertEquals("deidentify", view.getString("policy"));
      assertTrue(view.getJsonObject("options").getBoolean("retainPatientCharacteristics"));
      assertFrom(view, "collection", t[0], true);
      assertNull(view.getValue("own"));
      assertEquals("deidentify", effectiveKind(folder));
    }

    api.expect(200, api.put("alice", "/folders/" + t[1] + "/privacy", policy("reject")));
    JsonObject folder = privacy("bob", "folders", t[1]);
    assertFrom(folder, "folder", t[1], false);
    assertEquals("reject", folder.getJsonObject("own").getString("policy"));
    JsonObject sub = privacy("bob", "folders", t[2]);
    assertEquals("reject", sub.getString("policy"));
    assertFrom(sub, "folder", t[1], true);
    assertEquals("reject", effectiveKind(t[2]));
    assertEquals("deidentify", privacy("bob", "collections", t[0]).getString("policy"));

    api.expect(200, api.put("alice", "/folders/" + t[2] + "/privacy", policy("accept")));
    assertEquals("accept", effectiveKind(t[2]));
    assertFrom(privacy("bob", "folders", t[2]), "folder", t[2], false);

    JsonObject cleared = api.expect(200, api.delete("alice", "/folders/" + t[1] + "/privacy"));
    assertEquals("deidentify", cleared.getString("policy"), "the folder inherits again");
    assertFrom(cleared, "collection", t[0], true);
    assertNull(cleared.getValue("own"));
    assertEquals("accept", effectiveKind(t[2]), "the subfolder keeps its own");

    api.expect(200, api.delete("alice", "/folders/" + t[2] + "/privacy"));
    assertEquals("deidentify", effectiveKind(t[2]));
    api.expect(200, api.delete("alice", "/collections/" + t[0] + "/privacy"));
    assertFrom(privacy("bob", "folders", t[2]), "site", null, true);
    assertEquals("flag", effectiveKind(t[2]));
    // Clearing what is not set is allowed and changes nothing.
    assertFrom(
        api.expect(200, api.delete("alice", "/folders/" + t[2] + "/privacy")), "site", null, true);
  }

  @Test
  void readersSeeButOnlyAdminsChange() {
    String[] t = tree("Readers");
    api.expect(200, api.put("alice", "/folders/" + t[1] + "/privacy", policy("reject")));
    assertEquals("reject", privacy("bob", "folders", t[1]).getString("policy"));
    assertError(
        api.put("bob", "/folders/" + t[1] + "/privacy", policy("accept")), 403, "ACCESS_DENIED");
    assertError(
        api.put("bob", "/collections/" + t[0] + "/privacy", policy("accept")),
        403,
        "ACCESS_DENIED");
    assertError(api.delete("bob", "/folders/" + t[1] + "/privacy"), 403, "ACCESS_DENIED");
    assertEquals("reject", effectiveKind(t[2]), "unchanged");
    assertEquals(
        404,
        api.get("anonymous", "/folders/" + t[1] + "/privacy").statusCode(),
        "a private folder is not there for the anonymous, as for any non-reader");
  }

  @Test
  void unreadableResourcesAreNotFound() {
    String hidden =
        api.id(
            201,
            api.post(
                "admin",
                "/collections",
                new JsonObject().put("name", "Hidden").put("public", false)));
    String folder =
        api.id(
            201,
            api.post(
                "admin",
                "/folders",
                new JsonObject()
                    .put("parentType", "collection")
                    .put("parentId", hidden)
                    .put("name", "inside")));
    for (String path : new String[] {"/collections/" + hidden, "/folders/" + folder}) {
      int plain = api.get("bob", path).statusCode();
      assertEquals(404, plain, "the house answers 404 for what bob cannot read");
      assertEquals(404, api.get("bob", path + "/privacy").statusCode());
      assertEquals(404, api.put("bob", path + "/privacy", policy("accept")).statusCode());
      assertEquals(404, api.delete("bob", path + "/privacy").statusCode());
    }
    assertError(api.get("bob", "/folders/no-such-folder/privacy"), 404, "FOLDER_NOT_FOUND");
    assertEquals("flag", privacy("admin", "folders", folder).getString("policy"));
  }

  @Test
  void malformedBodiesAreRefusedWithTheParsersCode() {
    String[] t = tree("Malformed");
    String path = "/folders/" + t[1] + "/privacy";
    api.expect(200, api.put("alice", path, policy("reject")));
    assertError(api.put("alice", path, policy("anonymise")), 400, "POLICY_UNKNOWN_KIND");
    assertError(api.put("alice", path, policy("REJECT")), 400, "POLICY_UNKNOWN_KIND");
    assertError(api.put("alice", path, new JsonObject()), 400, "POLICY_MISSING");
    assertError(
        api.put("alice", path, policy("flag").put("level", "high")), 400, "POLICY_UNKNOWN_KEY");
    assertError(
        api.put(
            "alice",
            path,
            policy("deidentify").put("options", new JsonObject().put("retainNames", true))),
        400,
        "POLICY_UNKNOWN_KEY");
    assertError(
        api.put(
            "alice",
            path,
            policy("deidentify").put("options", new JsonObject().put("retainUids", "yes"))),
        400,
        "POLICY_WRONG_TYPE");
    assertError(
        api.put("alice", path, new JsonObject().put("policy", 3)), 400, "POLICY_WRONG_TYPE");
    assertError(
        api.put("alice", path, policy("deidentify").put("options", new JsonArray())),
        400,
        "POLICY_WRONG_TYPE");
    assertError(
        api.put(
            "alice",
            path,
            policy("deidentify")
                .put(
                    "options",
                    new JsonObject()
                        .put(
                            "safePrivate",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("group", "0018")
                                        .put("creator", "X")
                                        .put("element", "01"))))),
        400,
        "POLICY_INVALID");
    HttpResponse<Buffer> notJson =
        api.call("alice", HttpMethod.PUT, path, Buffer.buffer("{\"policy\": "));
    assertError(notJson, 400, "MALFORMED_JSON");
    JsonObject still = privacy("alice", "folders", t[1]);
    assertEquals("reject", still.getString("policy"), "a refused body changes nothing");
    assertFrom(still, "folder", t[1], false);
  }

  @Test
  void changesAreAudited() {
    Instant before = Instant.now();
    String[] t = tree("Audited");
    api.expect(200, api.put("alice", "/folders/" + t[1] + "/privacy", policy("deidentify")));
    api.expect(200, api.put("alice", "/folders/" + t[1] + "/privacy", policy("reject")));
    api.expect(200, api.delete("alice", "/folders/" + t[1] + "/privacy"));
    api.put("bob", "/folders/" + t[1] + "/privacy", policy("accept")); // refused: not a change

    JsonArray events = waitForEvents(t[1], before, 3);
    assertEquals(3, events.size(), events.encode());
    // Newest first.
    JsonObject clear = events.getJsonObject(0);
    JsonObject second = events.getJsonObject(1);
    JsonObject first = events.getJsonObject(2);
    for (JsonObject e : new JsonObject[] {first, second, clear}) {
      assertEquals("alice", e.getString("user"));
      assertEquals("folder", e.getString("resourceType"));
      assertEquals(t[1], e.getString("resourceId"));
      assertEquals("ok", e.getString("outcome"), e.encode());
    }
    JsonObject d1 = new JsonObject(first.getString("detail"));
    assertNull(d1.getValue("old"));
    assertEquals("deidentify", d1.getJsonObject("new").getString("policy"));
    JsonObject d2 = new JsonObject(second.getString("detail"));
    assertEquals("deidentify", d2.getJsonObject("old").getString("policy"));
    assertEquals("reject", d2.getJsonObject("new").getString("policy"));
    JsonObject d3 = new JsonObject(clear.getString("detail"));
    assertEquals("reject", d3.getJsonObject("old").getString("policy"));
    assertNull(d3.getValue("new"));
  }

  /** Audit entries are written after the answer; waits until {@code n} are there. */
  private JsonArray waitForEvents(String resourceId, Instant since, int n) {
    String query = "/audit?action=privacy.change&resource=" + resourceId + "&since=" + since;
    Instant deadline = Instant.now().plusSeconds(10);
    JsonArray events = api.expectList(api.get("admin", query));
    while (events.size() < n && Instant.now().isBefore(deadline)) {
      Await.result(node.vertx.timer(20));
      events = api.expectList(api.get("admin", query));
    }
    return events;
  }
}
