package org.sinfonia.verticles.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.core.model.ModelFixtures;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Submission and review of ONNX models over the REST API, with models the test builds: validation
 * to pending-review or rejected (with the reason codes), review by administrators and the reviewers
 * group only, visibility after approval, versions. alice submits; dave's group (oncologists) are
 * the reviewers; bob and carol are neither.
 */
@ExtendWith(NoBlockedThreads.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSubmissionTest {

  private static final long MAX_MODEL_BYTES = 64 * 1024;

  private TestNode node;
  private Api api;
  private String home;
  private final AtomicInteger files = new AtomicInteger();

  @BeforeAll
  void start() {
    node =
        TestNode.start(
            Map.of(
                "SINFONIA_LDAP_SEED_LDIF",
                Path.of("src/test/resources/ldap/matrix.ldif").toAbsolutePath().toString(),
                "SINFONIA_MODELS_REVIEWERS_GROUP",
                "oncologists",
                "SINFONIA_MODELS_MAX_MODEL_BYTES",
                Long.toString(MAX_MODEL_BYTES),
                "SINFONIA_MODELS_SMOKE_TIMEOUT",
                "2s"));
    api = Api.demo(node);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private String upload(byte[] onnx) {
    return api.upload("alice", home, "model-" + files.incrementAndGet() + ".onnx", onnx)
        .getString("id");
  }

  private JsonObject submit(String user, String fileId, Map<String, Object> card) {
    return api.expect(
        202,
        api.post(
            user,
            "/models",
            new JsonObject().put("fileId", fileId).put("card", new JsonObject(card))));
  }

  /** Polls the model as its submitter would until validation has ended. */
  private JsonObject awaitValidated(String id) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonObject m = api.expect(200, api.get("alice", "/models/" + id));
      if (!m.getString("status").equals("validating")) {
        return m;
      }
      Await.result(node.vertx.timer(50));
    }
    throw new AssertionError("model " + id + " was still validating after 60 s");
  }

  private JsonObject submitAndValidate(byte[] onnx, Map<String, Object> card) {
    JsonObject accepted = submit("alice", upload(onnx), card);
    assertEquals("validating", accepted.getString("status"));
    return awaitValidated(accepted.getString("id"));
  }

  private static JsonObject approval(JsonObject visibility) {
    return new JsonObject()
        .put("decision", "approve")
        .put("comment", "looks right")
        .put("visibility", visibility);
  }

  private static List<String> reasonCodes(JsonObject model) {
    return model.getJsonArray("reasons").stream()
        .map(r -> ((JsonObject) r).getString("code"))
        .toList();
  }

  private static List<String> ids(JsonArray models) {
    return models.stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  @Test
  void aValidModelGoesToReviewAndAnAdministratorApprovesIt() {
    String fileId = upload(ModelFixtures.linear());
    JsonObject accepted = submit("alice", fileId, ModelFixtures.linearCard("Linear", "1.0.0"));
    String id = accepted.getString("id");
    assertEquals("alice", accepted.getString("submitter"));
    assertEquals(1, accepted.getInteger("version"));

    JsonObject validated = awaitValidated(id);
    assertEquals("pending-review", validated.getString("status"), validated.encode());
    assertEquals(List.of(), reasonCodes(validated));
    String sha256 = api.expect(200, api.get("alice", "/files/" + fileId)).getString("sha256");
    assertEquals(sha256, validated.getString("sha256"));
    assertTrue(validated.getJsonObject("validation").containsKey("runtimeVersion"));
    assertNull(validated.getValue("visibility"));

    // Not approved: only its submitter and the reviewers see it; the queue is the reviewers'.
    api.expect(404, api.get("bob", "/models/" + id));
    assertFalse(ids(api.expectList(api.get("bob", "/models"))).contains(id));
    assertTrue(ids(api.expectList(api.get("alice", "/models"))).contains(id));
    assertTrue(ids(api.expectList(api.get("dave", "/models?status=pending-review"))).contains(id));
    api.expect(400, api.get("dave", "/models?status=waiting"));

    JsonObject bobsReview =
        api.expect(403, api.post("bob", "/models/" + id + "/review", approval(everyone())));
    assertEquals("REVIEWER_REQUIRED", bobsReview.getString("error"));
    api.expect(403, api.post("alice", "/models/" + id + "/review", approval(everyone())));
    api.expect(
        400,
        api.post(
            "admin", "/models/" + id + "/review", new JsonObject().put("decision", "approve")));

    JsonObject approved =
        api.expect(200, api.post("admin", "/models/" + id + "/review", approval(everyone())));
    assertEquals("approved", approved.getString("status"));
    assertEquals("admin", approved.getJsonObject("review").getString("reviewer"));
    assertEquals(everyone(), approved.getJsonObject("visibility"));
    api.expect(409, api.post("admin", "/models/" + id + "/review", approval(everyone())));

    JsonObject seenByBob = api.expect(200, api.get("bob", "/models/" + id));
    assertEquals(id, seenByBob.getString("current"));
    assertTrue(ids(api.expectList(api.get("bob", "/models"))).contains(id));

    List<String> actions =
        api.expectList(api.get("admin", "/audit?resource=" + id)).stream()
            .map(e -> ((JsonObject) e).getString("action"))
            .toList();
    assertTrue(actions.containsAll(List.of("model.submit", "model.approve")), actions.toString());
  }

  private static JsonObject everyone() {
    return new JsonObject().put("everyone", true);
  }

  @Test
  void aReviewerRejectsWithAReason() {
    JsonObject m =
        submitAndValidate(ModelFixtures.linear(), ModelFixtures.linearCard("Rejected", "1.0.0"));
    assertEquals("pending-review", m.getString("status"));
    JsonObject rejected =
        api.expect(
            200,
            api.post(
                "dave",
                "/models/" + m.getString("id") + "/review",
                new JsonObject().put("decision", "reject").put("comment", "no validation data")));
    assertEquals("rejected", rejected.getString("status"));
    assertEquals(List.of("REJECTED_BY_REVIEWER"), reasonCodes(rejected));
    api.expect(
        409,
        api.post(
            "dave",
            "/models/" + m.getString("id") + "/review",
            new JsonObject().put("decision", "approve").put("visibility", everyone())));
    api.expect(404, api.post("dave", "/models/nosuchmodel/review", approval(everyone())));
  }

  @Test
  void refusedModelsSayWhy() {
    byte[] garbage = "definitely not an ONNX protobuf".getBytes(StandardCharsets.US_ASCII);
    Map<String, Map.Entry<byte[], Map<String, Object>>> cases =
        Map.of(
            "NOT_ONNX",
            Map.entry(garbage, ModelFixtures.linearCard("Garbage", "1.0.0")),
            "EXTERNAL_DATA",
            Map.entry(ModelFixtures.externalData(), ModelFixtures.linearCard("External", "1.0.0")),
            "UNSUPPORTED_OPERATOR",
            Map.entry(ModelFixtures.unknownOperator(), ModelFixtures.scalarCard("Frobnicate")),
            "INPUT_MISMATCH",
            Map.entry(ModelFixtures.linear(), ModelFixtures.mismatchedLinearCard()),
            "TOO_LARGE",
            Map.entry(
                ModelFixtures.paddedLinear((int) MAX_MODEL_BYTES / 4 + 1000),
                ModelFixtures.linearCard("Large", "1.0.0")));
    cases.forEach(
        (code, c) -> {
          JsonObject m = submitAndValidate(c.getKey(), c.getValue());
          assertEquals("rejected", m.getString("status"), code + ": " + m.encode());
          assertTrue(reasonCodes(m).contains(code), code + ": " + m.getJsonArray("reasons"));
          m.getJsonArray("reasons")
              .forEach(r -> assertFalse(((JsonObject) r).getString("message").isBlank()));
        });
  }

  @Test
  void badSubmissionsAreAnsweredAtOnce() {
    String fileId = upload(ModelFixtures.linear());
    Map<String, Object> card = ModelFixtures.linearCard("No licence", "1.0.0");
    card.remove("licence");
    card.put("licnece", "MIT");
    JsonObject refused =
        api.expect(
            400,
            api.post(
                "alice",
                "/models",
                new JsonObject().put("fileId", fileId).put("card", new JsonObject(card))));
    assertEquals("INVALID_MODEL_CARD", refused.getString("error"));
    List<String> problems =
        refused.getJsonArray("errors").stream()
            .map(e -> ((JsonObject) e).getString("code") + " " + ((JsonObject) e).getString("path"))
            .toList();
    assertTrue(problems.contains("MISSING_FIELD licence"), problems.toString());
    assertTrue(problems.contains("UNKNOWN_FIELD licnece"), problems.toString());

    Map<String, Object> good = ModelFixtures.linearCard("Linear", "1.0.0");
    JsonObject missing =
        api.expect(
            404,
            api.post(
                "alice",
                "/models",
                new JsonObject().put("fileId", "nosuchfile").put("card", new JsonObject(good))));
    assertEquals("FILE_NOT_FOUND", missing.getString("error"));
    // bob cannot read alice's file: to him it does not exist, as for a download.
    api.expect(
        404,
        api.post(
            "bob",
            "/models",
            new JsonObject().put("fileId", fileId).put("card", new JsonObject(good))));
    api.expect(400, api.post("alice", "/models", new JsonObject().put("fileId", fileId)));
    api.expect(
        400,
        api.post(
            "alice",
            "/models",
            new JsonObject()
                .put("fileId", fileId)
                .put("card", new JsonObject(good))
                .put("colour", "blue")));
    api.expect(
        401,
        api.post(
            "anonymous",
            "/models",
            new JsonObject().put("fileId", fileId).put("card", new JsonObject(good))));
  }

  @Test
  void aTooSlowSmokeRunIsStoppedAndValidationGoesOn() {
    JsonObject slow =
        submitAndValidate(ModelFixtures.endlessLoop(), ModelFixtures.scalarCard("Endless"));
    assertEquals("rejected", slow.getString("status"), slow.encode());
    assertEquals(List.of("TIMEOUT"), reasonCodes(slow));
    // The smoke-run thread came back: the next model is validated as usual.
    byte[] distinct = ModelFixtures.paddedLinear(new Random().nextInt(100) + 1);
    JsonObject next = submitAndValidate(distinct, ModelFixtures.linearCard("After", "1.0.0"));
    assertEquals("pending-review", next.getString("status"), next.encode());
  }

  @Test
  void aModelRestrictedToAGroupIsInvisibleToOthers() {
    JsonObject m =
        submitAndValidate(
            ModelFixtures.linear(), ModelFixtures.linearCard("Radiology only", "1.0.0"));
    String id = m.getString("id");
    JsonObject radiologists = new JsonObject().put("groups", new JsonArray().add("radiologists"));
    api.expect(
        400,
        api.post(
            "dave",
            "/models/" + id + "/review",
            approval(new JsonObject().put("groups", new JsonArray()))));
    JsonObject approved =
        api.expect(200, api.post("dave", "/models/" + id + "/review", approval(radiologists)));
    assertEquals(radiologists, approved.getJsonObject("visibility"));

    api.expect(200, api.get("bob", "/models/" + id));
    assertTrue(ids(api.expectList(api.get("bob", "/models"))).contains(id));
    JsonObject hidden = api.expect(404, api.get("carol", "/models/" + id));
    assertEquals("MODEL_NOT_FOUND", hidden.getString("error"));
    assertFalse(ids(api.expectList(api.get("carol", "/models"))).contains(id));
    api.expect(200, api.get("alice", "/models/" + id));
  }

  @Test
  void aSecondVersionSupersedesTheFirst() {
    JsonObject v1 =
        submitAndValidate(ModelFixtures.linear(), ModelFixtures.linearCard("Versioned", "1.0.0"));
    String first = v1.getString("id");
    api.expect(200, api.post("admin", "/models/" + first + "/review", approval(everyone())));

    JsonObject v2 =
        submitAndValidate(ModelFixtures.linear(), ModelFixtures.linearCard("versioned ", "2.0.0"));
    String second = v2.getString("id");
    assertEquals(2, v2.getInteger("version"));
    assertEquals(first, v2.getString("supersedes"));
    assertEquals(first, v2.getString("lineage"));
    // Until v2 is approved, new runs still use v1.
    assertEquals(first, api.expect(200, api.get("bob", "/models/" + first)).getString("current"));
    api.expect(200, api.post("admin", "/models/" + second + "/review", approval(everyone())));

    JsonObject shown = api.expect(200, api.get("bob", "/models/" + first));
    assertEquals(second, shown.getString("current"));
    JsonArray versions = shown.getJsonArray("versions");
    assertEquals(List.of(first, second), ids(versions));
    assertEquals("2.0.0", versions.getJsonObject(1).getString("cardVersion"));
    assertTrue(versions.getJsonObject(1).getBoolean("current"));

    // A renamed model continues the lineage when it names what it supersedes; only its submitter
    // may do that.
    String fileId = upload(ModelFixtures.linear());
    JsonObject renamed =
        api.expect(
            202,
            api.post(
                "alice",
                "/models",
                new JsonObject()
                    .put("fileId", fileId)
                    .put("card", new JsonObject(ModelFixtures.linearCard("Renamed", "3.0.0")))
                    .put("supersedes", second)));
    assertEquals(3, renamed.getInteger("version"));
    assertEquals(first, renamed.getString("lineage"));
    String bobsFile =
        api.upload(
                "bob",
                api.expect(200, api.get("bob", "/users/me")).getString("homeFolderId"),
                "bob.onnx",
                ModelFixtures.linear())
            .getString("id");
    api.expect(
        403,
        api.post(
            "bob",
            "/models",
            new JsonObject()
                .put("fileId", bobsFile)
                .put("card", new JsonObject(ModelFixtures.linearCard("Hijack", "9.0.0")))
                .put("supersedes", second)));
    // bob's own model of the same name is a model of his own, not a version of alice's.
    JsonObject bobs =
        api.expect(
            202,
            api.post(
                "bob",
                "/models",
                new JsonObject()
                    .put("fileId", bobsFile)
                    .put("card", new JsonObject(ModelFixtures.linearCard("Versioned", "1.0.0")))));
    assertEquals(1, bobs.getInteger("version"));
    assertEquals(bobs.getString("id"), bobs.getString("lineage"));
  }
}
