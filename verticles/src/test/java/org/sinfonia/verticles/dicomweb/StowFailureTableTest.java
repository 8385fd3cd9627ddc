package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * STOW-RS failures as a table (docs/dicomweb.md, PS3.18 10.5.3 and Annex I): one STOW-RS request
 * per row, and the status it must get back with either the JSON error code of a request refused
 * whole, or the Failure Reason (0008,1197) of each failed instance and the Warning Reason
 * (0008,1196) of each stored one, in part order. A row may check after its request what was kept.
 * Files are at most 4 KiB here, so a larger instance is out of resources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class StowFailureTableTest {

  /** A stored instance without a Warning Reason. */
  private static final int NONE = 0;

  private static final String FAILED = "00081198";
  private static final String REFERENCED = "00081199";
  private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private DicomWeb web;
  private String shared;
  private String home;

  /** The folder and instance a row made for itself, for its check afterwards. */
  private String rowFolder;

  private byte[] rowInstance;

  /** One part of a request body: its Content-Type (null: the part has none) and bytes. */
  record Part(String type, byte[] bytes) {
    static Part dicom(byte[] bytes) {
      return new Part("application/dicom", bytes);
    }
  }

  record Row(
      String name,
      Function<StowFailureTableTest, HttpResponse<Buffer>> exchange,
      int status,
      String error,
      List<Integer> failed,
      List<Integer> stored,
      Consumer<StowFailureTableTest> then) {

    static Row of(String name, Function<StowFailureTableTest, HttpResponse<Buffer>> exchange) {
      return new Row(name, exchange, 200, null, List.of(), List.of(), t -> {});
    }

    /** The request is refused whole: this status and JSON error code, no per-instance answer. */
    Row refused(int status, String code) {
      return new Row(name, exchange, status, code, failed, stored, then);
    }

    /**
     * A per-instance answer with this status, these Failure Reasons and these Warning Reasons
     * (NONE: none).
     */
    Row answers(int status, List<Integer> failedReasons, Integer... storedWarnings) {
      return new Row(name, exchange, status, null, failedReasons, List.of(storedWarnings), then);
    }

    Row then(Consumer<StowFailureTableTest> check) {
      return new Row(name, exchange, status, error, failed, stored, check);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  void start() {
    node = TestNode.start(Map.of("SINFONIA_MAX_FILE_SIZE", "4KiB"));
    api = Api.demo(node);
    web = new DicomWeb(node, api);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String collection =
        api.id(
            201,
            api.post(
                "admin",
                "/collections",
                new JsonObject()
                    .put("name", "Stow table")
                    .put("description", "")
                    .put("public", false)));
    api.expect(
        200,
        api.put(
            "admin",
            "/collections/" + collection + "/access",
            Api.acl(false, Map.of("alice", 1, "bob", 0), Map.of())));
    shared =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "collection")
                    .put("parentId", collection)
                    .put("name", "Received")));
    web.warmUp(dir);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  static Stream<Row> rows() {
    return Stream.of(
        // the request as a whole
        Row.of(
                "a body that is not multipart/related is 415",
                t ->
                    t.post(
                        "alice",
                        "/dicom-web/studies",
                        "application/dicom",
                        t.body(Part.dicom(t.ct("1.2.826.80.1", 1)))))
            .refused(415, "UNSUPPORTED_MEDIA_TYPE"),
        Row.of(
                "multipart/related of DICOM JSON (metadata + bulk data) is 415",
                t ->
                    t.post(
                        "alice",
                        "/dicom-web/studies",
                        "multipart/related; type=\"application/dicom+json\"; boundary="
                            + DicomWeb.BOUNDARY,
                        t.body(Part.dicom(t.ct("1.2.826.80.2", 1)))))
            .refused(415, "UNSUPPORTED_MEDIA_TYPE"),
        Row.of(
                "multipart/related without a boundary is 400",
                t ->
                    t.post(
                        "alice",
                        "/dicom-web/studies",
                        "multipart/related; type=\"application/dicom\"",
                        t.body(Part.dicom(t.ct("1.2.826.80.3", 1)))))
            .refused(400, "MALFORMED_MULTIPART"),
        Row.of(
                "a boundary the body does not use is 400 (no part found)",
                t ->
                    t.post(
                        "alice",
                        "/dicom-web/studies",
                        "multipart/related; type=\"application/dicom\"; boundary=not-the-one",
                        t.body(Part.dicom(t.ct("1.2.826.80.4", 1)))))
            .refused(400, "MALFORMED_MULTIPART"),
        Row.of(
                "a body with no part is 400",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        Buffer.buffer("--" + DicomWeb.BOUNDARY + "--\r\n")))
            .refused(400, "MALFORMED_MULTIPART"),
        Row.of(
                "anonymous is 401",
                t ->
                    t.stow(null, "/dicom-web/studies", t.body(Part.dicom(t.ct("1.2.826.80.5", 1)))))
            .refused(401, "AUTHENTICATION_REQUIRED"),
        Row.of(
                "a folder the caller may only read is 403",
                t ->
                    t.stow(
                        "bob",
                        "/dicom-web/folders/" + t.shared + "/studies",
                        t.body(Part.dicom(t.ct("1.2.826.80.6", 1)))))
            .refused(403, "ACCESS_DENIED"),
        Row.of(
                "a folder the caller cannot see is 404",
                t ->
                    t.stow(
                        "carol",
                        "/dicom-web/folders/" + t.shared + "/studies",
                        t.body(Part.dicom(t.ct("1.2.826.80.7", 1)))))
            .refused(404, "FOLDER_NOT_FOUND"),
        // instance by instance
        Row.of(
                "every part stored is 200 without a failure",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/folders/" + t.shared + "/studies",
                        t.body(
                            Part.dicom(t.ct("1.2.826.81.1", 1)),
                            Part.dicom(t.ct("1.2.826.81.1", 2)))))
            .answers(200, List.of(), NONE, NONE),
        Row.of(
                "a part that is not application/dicom fails alone with 0xC000",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        t.body(
                            Part.dicom(t.ct("1.2.826.81.2", 1)),
                            new Part("text/plain", "a note".getBytes(StandardCharsets.UTF_8)))))
            .answers(202, List.of(0xC000), NONE),
        Row.of(
                "bytes that are not DICOM between good parts fail alone with 0xC000",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        t.body(
                            Part.dicom(t.ct("1.2.826.81.3", 1)),
                            Part.dicom("this is not DICOM at all".getBytes(StandardCharsets.UTF_8)),
                            Part.dicom(t.ct("1.2.826.81.3", 2)))))
            .answers(202, List.of(0xC000), NONE, NONE),
        Row.of(
                "a DICOM instance cut short is 0xC000 and nothing is kept",
                t -> {
                  byte[] whole = t.ct("1.2.826.81.4", 1);
                  return t.stow(
                      "alice",
                      "/dicom-web/studies",
                      t.body(Part.dicom(Arrays.copyOf(whole, whole.length - 60))));
                })
            .answers(409, List.of(0xC000))
            .then(
                t ->
                    assertEquals(
                        0,
                        t.web
                            .qido("alice", "/dicom-web/studies?StudyInstanceUID=1.2.826.81.4")
                            .size())),
        Row.of(
                "a body cut inside its second part keeps the first, the second is 0xC000",
                t -> {
                  Buffer whole =
                      t.body(
                          Part.dicom(t.ct("1.2.826.81.5", 1)), Part.dicom(t.ct("1.2.826.81.5", 2)));
                  return t.stow(
                      "alice", "/dicom-web/studies", whole.getBuffer(0, whole.length() - 200));
                })
            .answers(202, List.of(0xC000), NONE)
            .then(
                t ->
                    assertEquals(
                        1,
                        t.web.qido("alice", "/dicom-web/studies/1.2.826.81.5/instances").size())),
        Row.of(
                "an instance of another study than the URL's is 0xA900, 409 when nothing is stored",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies/1.2.826.81.9",
                        t.body(Part.dicom(t.ct("1.2.826.81.6", 1)))))
            .answers(409, List.of(0xA900)),
        Row.of(
                "an instance of another study beside one of the URL's: 202, the other one is not kept",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies/1.2.826.81.7",
                        t.body(
                            Part.dicom(t.ct("1.2.826.81.7", 1)),
                            Part.dicom(t.ct("1.2.826.81.8", 1)))))
            .answers(202, List.of(0xA900), NONE)
            .then(
                t ->
                    assertEquals(
                        0,
                        t.web
                            .qido("alice", "/dicom-web/studies?StudyInstanceUID=1.2.826.81.8")
                            .size())),
        Row.of(
                "a part declaring another transfer syntax than its file's is 0xC122",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        t.body(
                            new Part(
                                "application/dicom; transfer-syntax=" + JPEG_BASELINE,
                                t.ct("1.2.826.82.1", 1)))))
            .answers(409, List.of(0xC122)),
        Row.of(
                "an instance without a SOP Class UID is 0x0122",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        t.body(
                            Part.dicom(t.ct("1.2.826.82.2", 1, Map.of("(0008,0016)", "UI []"))))))
            .answers(409, List.of(0x0122)),
        Row.of(
                "an instance over repository.maxFileSize is 0xA700 (out of resources)",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        t.body(
                            Part.dicom(
                                t.ct(
                                    "1.2.826.82.3",
                                    1,
                                    Map.of(
                                        "(0010,4000)",
                                        "LT [" + "x".repeat(3000) + "]",
                                        "(0020,4000)",
                                        "LT [" + "y".repeat(3000) + "]"))))))
            .answers(409, List.of(0xA700)),
        Row.of(
                "a file meta naming another instance is stored under the data set's UID with warning 0xB007",
                t ->
                    t.stow(
                        "alice",
                        "/dicom-web/studies",
                        t.body(Part.dicom(t.metaNamingAnotherInstance("1.2.826.82.4")))))
            .answers(202, List.of(), 0xB007)
            .then(
                t ->
                    assertEquals(
                        1,
                        t.web
                            .qido(
                                "alice",
                                "/dicom-web/studies/1.2.826.82.4/instances?SOPInstanceUID=1.2.826.82.4.1.1")
                            .size())),
        Row.of(
                "the same instance again is a success without warning, stored once",
                t -> {
                  t.rowFolder = t.newFolder("again");
                  t.rowInstance = t.ct("1.2.826.82.5", 1);
                  Buffer body = t.body(Part.dicom(t.rowInstance));
                  assertEquals(
                      200,
                      t.stow("alice", "/dicom-web/folders/" + t.rowFolder + "/studies", body)
                          .statusCode());
                  return t.stow("alice", "/dicom-web/folders/" + t.rowFolder + "/studies", body);
                })
            .answers(200, List.of(), NONE)
            .then(
                t -> {
                  HttpResponse<Buffer> items =
                      t.api.get("alice", "/items?folderId=" + t.rowFolder + "&limit=10");
                  assertEquals("1", items.getHeader("Sinfonia-Total-Count"), "stored once");
                  assertEquals(
                      t.rowInstance.length,
                      t.api
                          .expect(200, t.api.get("alice", "/folders/" + t.rowFolder))
                          .getLong("size"),
                      "the folder's size counts it once");
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void stow(Row row) {
    HttpResponse<Buffer> r = row.exchange().apply(this);
    assertEquals(row.status(), r.statusCode(), row.name() + ": " + r.bodyAsString());
    if (row.error() != null) {
      assertEquals("application/json", r.getHeader("Content-Type"), row.name());
      assertEquals(
          row.error(),
          r.bodyAsJsonObject().getString("error"),
          row.name() + ": " + r.bodyAsString());
      return;
    }
    assertEquals("application/dicom+json", r.getHeader("Content-Type"), row.name());
    JsonObject answer = r.bodyAsJsonObject();
    List<Integer> failed = new ArrayList<>();
    for (Object item : sequence(answer, FAILED)) {
      JsonObject failure = (JsonObject) item;
      assertNull(
          failure.getJsonObject("00081196"),
          row.name() + ": a failed instance has no Warning Reason");
      failed.add(failure.getJsonObject("00081197").getJsonArray("Value").getInteger(0));
    }
    assertEquals(
        row.failed(), failed, row.name() + ": Failure Reasons in part order, " + answer.encode());
    assertEquals(
        row.failed().isEmpty(), !answer.containsKey(FAILED), row.name() + ": Failed SOP Sequence");
    List<Integer> stored = new ArrayList<>();
    for (Object item : sequence(answer, REFERENCED)) {
      JsonObject instance = (JsonObject) item;
      assertNotNull(
          instance.getJsonObject("00081190"),
          row.name() + ": a stored instance has its Retrieve URL");
      assertNotNull(instance.getJsonObject("00081155"), row.name() + ": and its SOP Instance UID");
      JsonObject warning = instance.getJsonObject("00081196");
      stored.add(warning == null ? NONE : warning.getJsonArray("Value").getInteger(0));
    }
    assertEquals(
        row.stored(),
        stored,
        row.name() + ": Warning Reasons of the stored instances, " + answer.encode());
    row.then().accept(this);
  }

  private static JsonArray sequence(JsonObject answer, String tag) {
    JsonObject s = answer.getJsonObject(tag);
    return s == null || s.getJsonArray("Value") == null ? new JsonArray() : s.getJsonArray("Value");
  }

  private HttpResponse<Buffer> stow(String user, String path, Buffer body) {
    return web.stow(user, path, body);
  }

  private HttpResponse<Buffer> post(String user, String path, String contentType, Buffer body) {
    return Await.result(
        web.request(user, HttpMethod.POST, path)
            .putHeader("Content-Type", contentType)
            .putHeader("Accept", "application/dicom+json")
            .sendBuffer(body));
  }

  private Buffer body(Part... parts) {
    Buffer b = Buffer.buffer();
    for (Part p : parts) {
      b.appendString("--" + DicomWeb.BOUNDARY + "\r\n");
      if (p.type() != null) {
        b.appendString("Content-Type: " + p.type() + "\r\n");
      }
      b.appendString("\r\n").appendBytes(p.bytes()).appendString("\r\n");
    }
    return b.appendString("--" + DicomWeb.BOUNDARY + "--\r\n");
  }

  private String newFolder(String name) {
    return api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject().put("parentType", "folder").put("parentId", home).put("name", name)));
  }

  private byte[] ct(String study, int n) {
    return ct(study, n, Map.of());
  }

  /** A small CT instance {@code study.1.n} of series {@code study.1}, made by dcmtk. */
  private byte[] ct(String study, int n, Map<String, String> overrides) {
    try {
      Path in = Files.createDirectories(dir.resolve(study));
      return Files.readAllBytes(
          DicomFiles.ct(
              in, study, study + ".1", study + ".1." + n, "Stow^Table", "STOW", "CT", overrides));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Instance {@code study.1.1} whose file meta (0002,0003) names {@code study.1.9}: the data set's
   * UID wins.
   */
  private byte[] metaNamingAnotherInstance(String study) {
    byte[] bytes = ct(study, 1);
    String uid = study + ".1.1";
    int at =
        new String(bytes, StandardCharsets.ISO_8859_1).indexOf(uid); // the file meta comes first
    bytes[at + uid.length() - 1] = '9';
    return bytes;
  }
}
