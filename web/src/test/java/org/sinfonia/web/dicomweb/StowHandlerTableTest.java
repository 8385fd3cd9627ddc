package org.sinfonia.web.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.blob.MemoryBlobStore;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicomweb.StowRefusal;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.core.ingest.IngestLimits;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.ErrorMapper;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.ingest.IngestResult;
import org.sinfonia.web.repo.Resource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The STOW-RS handler alone, as tusd tests its handler: only {@link StowHandler}'s routes on a bare
 * router on port 0, over a stand-in {@link StowDestination} (the real byte pass with its DICOM tap
 * into an in-memory blob store; filing only noted). No database, no other route, no dcmtk: the
 * instances are written by hand. Each row is one request and what it must answer: status, and
 * either the JSON error code of a request refused whole, or the Failure Reasons (0008,1197) and
 * Warning Reasons (0008,1196) in part order, in the JSON or XML the Accept asked for; and what was
 * filed. The same cases as the whole-node StowFailureTableTest, with the same codes.
 */
class StowHandlerTableTest {

  /** A stored instance without a Warning Reason. */
  private static final int NONE = 0;

  private static final String BOUNDARY = "stow-table-boundary";
  private static final String RELATED =
      "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;
  private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

  private static Vertx vertx;
  private static HttpServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final MemoryStow DESTINATION = new MemoryStow();

  @BeforeAll
  static void mount() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            rc -> {
              String user = rc.request().getHeader("X-Test-User");
              if (user != null) {
                Caller.set(rc, new Principal(user, user, "", List.of(), false));
              }
              rc.next();
            });
    DESTINATION.bytes =
        new Ingest(
            vertx.createSharedWorkerExecutor("stow-table"),
            new MemoryBlobStore(1 << 24),
            new IngestLimits(1 << 20, 1 << 20),
            () -> List.of(new DicomTap(DicomParserOptions.defaults(), 1 << 20)));
    StowHandler stow =
        new StowHandler(
            DESTINATION, new DicomWebUrls("http://localhost"), new StowHandler.Limits(2, 2));
    ApiRouter api = new ApiRouter(router, "/dicom-web", 4096);
    api.streaming(HttpMethod.POST, "/studies", Access.user(), stow::store);
    api.streaming(HttpMethod.POST, "/studies/:study", Access.user(), stow::store);
    router.route().failureHandler(new ErrorMapper());
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  /** One part of a request body: its Content-Type (null: the part has none) and bytes. */
  record Part(String type, byte[] bytes) {
    static Part dicom(byte[] bytes) {
      return new Part("application/dicom", bytes);
    }
  }

  /** One request, and what must come back. */
  record Row(
      String name,
      String user,
      String path,
      String contentType,
      String accept,
      byte[] body,
      int status,
      String error,
      List<Integer> failed,
      List<Integer> stored,
      List<String> filed) {

    static Row of(String name, String path, String contentType, byte[] body) {
      return new Row(
          name,
          "alice",
          path,
          contentType,
          "application/dicom+json",
          body,
          200,
          null,
          List.of(),
          List.of(),
          List.of());
    }

    Row as(String who) {
      return new Row(
          name, who, path, contentType, accept, body, status, error, failed, stored, filed);
    }

    Row accepting(String type) {
      return new Row(
          name, user, path, contentType, type, body, status, error, failed, stored, filed);
    }

    /** The request is refused whole: this status and JSON error code, no per-instance answer. */
    Row refused(int code, String errorCode) {
      return new Row(
          name, user, path, contentType, accept, body, code, errorCode, failed, stored, filed);
    }

    /**
     * A per-instance answer with this status, these Failure Reasons and these Warning Reasons
     * (NONE: none).
     */
    Row answers(int code, List<Integer> failedReasons, Integer... storedWarnings) {
      return new Row(
          name,
          user,
          path,
          contentType,
          accept,
          body,
          code,
          null,
          failedReasons,
          List.of(storedWarnings),
          filed);
    }

    /** The names the request filed, in any order. */
    Row files(String... names) {
      return new Row(
          name,
          user,
          path,
          contentType,
          accept,
          body,
          status,
          error,
          failed,
          stored,
          List.of(names));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    byte[] one = ct("1.2.826.90.1", 1);
    byte[] whole = ct("1.2.826.90.4", 1);
    return Stream.of(
        // the request as a whole
        Row.of("a body that is not multipart/related is 415", "/studies", "application/dicom", one)
            .refused(415, "UNSUPPORTED_MEDIA_TYPE"),
        Row.of(
                "multipart/related of DICOM JSON (metadata + bulk data) is 415",
                "/studies",
                "multipart/related; type=\"application/dicom+json\"; boundary=" + BOUNDARY,
                body(Part.dicom(one)))
            .refused(415, "UNSUPPORTED_MEDIA_TYPE"),
        Row.of(
                "multipart/related without a boundary is 400",
                "/studies",
                "multipart/related; type=\"application/dicom\"",
                body(Part.dicom(one)))
            .refused(400, "MALFORMED_MULTIPART"),
        Row.of(
                "a boundary the body does not use is 400 (no part found)",
                "/studies",
                "multipart/related; type=\"application/dicom\"; boundary=not-the-one",
                body(Part.dicom(one)))
            .refused(400, "MALFORMED_MULTIPART"),
        Row.of(
                "a body with no part is 400",
                "/studies",
                RELATED,
                ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII))
            .refused(400, "MALFORMED_MULTIPART"),
        Row.of("anonymous is 401", "/studies", RELATED, body(Part.dicom(one)))
            .as(null)
            .refused(401, "AUTHENTICATION_REQUIRED"),
        // instance by instance
        Row.of(
                "every part stored is 200 without a failure",
                "/studies",
                RELATED,
                body(Part.dicom(ct("1.2.826.91.1", 1)), Part.dicom(ct("1.2.826.91.1", 2))))
            .answers(200, List.of(), NONE, NONE)
            .files("1.2.826.91.1.1.1.dcm", "1.2.826.91.1.1.2.dcm"),
        Row.of(
                "every part stored, answered in XML when asked",
                "/studies",
                RELATED,
                body(Part.dicom(ct("1.2.826.91.9", 1))))
            .accepting("application/dicom+xml")
            .answers(200, List.of(), NONE)
            .files("1.2.826.91.9.1.1.dcm"),
        Row.of(
                "a part that is not application/dicom fails alone with 0xC000",
                "/studies",
                RELATED,
                body(
                    Part.dicom(ct("1.2.826.91.2", 1)),
                    new Part("text/plain", "a note".getBytes(StandardCharsets.UTF_8))))
            .answers(202, List.of(0xC000), NONE)
            .files("1.2.826.91.2.1.1.dcm"),
        Row.of(
                "bytes that are not DICOM between good parts fail alone with 0xC000",
                "/studies",
                RELATED,
                body(
                    Part.dicom(ct("1.2.826.91.3", 1)),
                    Part.dicom("this is not DICOM at all".getBytes(StandardCharsets.UTF_8)),
                    Part.dicom(ct("1.2.826.91.3", 2))))
            .answers(202, List.of(0xC000), NONE, NONE)
            .files("1.2.826.91.3.1.1.dcm", "1.2.826.91.3.1.2.dcm"),
        Row.of(
                "a DICOM instance cut short is 0xC000 and nothing is filed",
                "/studies",
                RELATED,
                body(Part.dicom(Arrays.copyOf(whole, whole.length - 60))))
            .answers(409, List.of(0xC000)),
        Row.of(
                "a DICOM instance cut short, answered in XML: 0xC000",
                "/studies",
                RELATED,
                body(Part.dicom(Arrays.copyOf(whole, whole.length - 60))))
            .accepting("application/dicom+xml")
            .answers(409, List.of(0xC000)),
        Row.of(
                "an instance of another study than the URL's is 0xA900, 409 when nothing is stored",
                "/studies/1.2.826.91.9",
                RELATED,
                body(Part.dicom(ct("1.2.826.91.6", 1))))
            .answers(409, List.of(0xA900)),
        Row.of(
                "an instance of another study beside one of the URL's: 202, the other one is not filed",
                "/studies/1.2.826.91.7",
                RELATED,
                body(Part.dicom(ct("1.2.826.91.7", 1)), Part.dicom(ct("1.2.826.91.8", 1))))
            .answers(202, List.of(0xA900), NONE)
            .files("1.2.826.91.7.1.1.dcm"),
        Row.of(
                "a part declaring another transfer syntax than its file's is 0xC122",
                "/studies",
                RELATED,
                body(
                    new Part(
                        "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50",
                        ct("1.2.826.92.1", 1))))
            .answers(409, List.of(0xC122)),
        Row.of(
                "an instance without a SOP Class UID is 0x0122",
                "/studies",
                RELATED,
                body(Part.dicom(instance("", "1.2.826.92.2", 1))))
            .answers(409, List.of(0x0122)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void stow(Row row) throws Exception {
    DESTINATION.filed.clear();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.actualPort() + "/dicom-web" + row.path()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(row.body()))
            .header("Content-Type", row.contentType())
            .header("Accept", row.accept());
    if (row.user() != null) {
      request.header("X-Test-User", row.user());
    }
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String type = r.headers().firstValue("Content-Type").orElse(null);
    assertEquals(row.status(), r.statusCode(), row.name() + ": " + r.body());
    if (row.error() != null) {
      assertEquals("application/json", type, row.name());
      assertEquals(row.error(), new JsonObject(r.body()).getString("error"), row.name());
      assertEquals(List.of(), DESTINATION.filed, row.name() + ": nothing filed");
      return;
    }
    Answer answer;
    if (row.accept().equals("application/dicom+xml")) {
      assertEquals("application/dicom+xml", type, row.name());
      answer = Answer.ofXml(r.body());
    } else {
      assertEquals("application/dicom+json", type, row.name());
      answer = Answer.ofJson(new JsonObject(r.body()));
    }
    assertEquals(row.failed(), answer.failed(), row.name() + ": Failure Reasons, " + r.body());
    assertEquals(row.stored(), answer.stored(), row.name() + ": Warning Reasons, " + r.body());
    assertEquals(
        row.filed().stream().sorted().toList(),
        DESTINATION.filed.stream().sorted().toList(),
        row.name() + ": filed");
  }

  /** The Failure Reasons of the failed instances and Warning Reasons of the stored ones. */
  record Answer(List<Integer> failed, List<Integer> stored) {

    static Answer ofJson(JsonObject answer) {
      List<Integer> failed = new ArrayList<>();
      for (Object item : sequence(answer, "00081198")) {
        JsonObject failure = (JsonObject) item;
        assertNull(failure.getJsonObject("00081196"), "a failed instance has no Warning Reason");
        failed.add(failure.getJsonObject("00081197").getJsonArray("Value").getInteger(0));
      }
      List<Integer> stored = new ArrayList<>();
      for (Object item : sequence(answer, "00081199")) {
        JsonObject instance = (JsonObject) item;
        assertNotNull(instance.getJsonObject("00081190"), "a stored instance has its Retrieve URL");
        assertNotNull(instance.getJsonObject("00081155"), "and its SOP Instance UID");
        JsonObject warning = instance.getJsonObject("00081196");
        stored.add(warning == null ? NONE : warning.getJsonArray("Value").getInteger(0));
      }
      return new Answer(failed, stored);
    }

    private static JsonArray sequence(JsonObject answer, String tag) {
      JsonObject s = answer.getJsonObject(tag);
      return s == null || s.getJsonArray("Value") == null
          ? new JsonArray()
          : s.getJsonArray("Value");
    }

    static Answer ofXml(String xml) throws Exception {
      Document doc =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Element root = doc.getDocumentElement();
      List<Integer> failed = new ArrayList<>();
      for (Element item : items(root, "00081198")) {
        assertNull(attribute(item, "00081196"), "a failed instance has no Warning Reason");
        failed.add(value(attribute(item, "00081197")));
      }
      List<Integer> stored = new ArrayList<>();
      for (Element item : items(root, "00081199")) {
        assertNotNull(attribute(item, "00081190"), "a stored instance has its Retrieve URL");
        assertNotNull(attribute(item, "00081155"), "and its SOP Instance UID");
        Element warning = attribute(item, "00081196");
        stored.add(warning == null ? NONE : value(warning));
      }
      return new Answer(failed, stored);
    }

    /** The child DicomAttribute of {@code parent} with this tag, or null. */
    private static Element attribute(Element parent, String tag) {
      for (Element e : children(parent, "DicomAttribute")) {
        if (tag.equals(e.getAttribute("tag"))) {
          return e;
        }
      }
      return null;
    }

    private static List<Element> items(Element root, String tag) {
      Element sequence = attribute(root, tag);
      return sequence == null ? List.of() : children(sequence, "Item");
    }

    private static int value(Element attribute) {
      return Integer.parseInt(children(attribute, "Value").get(0).getTextContent().trim());
    }

    private static List<Element> children(Element parent, String name) {
      List<Element> out = new ArrayList<>();
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e
            && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
          out.add(e);
        }
      }
      return out;
    }
  }

  private static byte[] body(Part... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Part p : parts) {
      b.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
      if (p.type() != null) {
        b.writeBytes(("Content-Type: " + p.type() + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(p.bytes());
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    b.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  /** A small CT instance {@code study.1.n} of series {@code study.1}. */
  private static byte[] ct(String study, int n) {
    return instance(CT_IMAGE, study, n);
  }

  /**
   * An explicit VR little endian Part 10 file written by hand: file meta, the UIDs, a name and 256
   * bytes of pixel data last (so cutting the end off cuts inside an element).
   */
  private static byte[] instance(String sopClass, String study, int n) {
    String series = study + ".1";
    String sop = series + "." + n;
    Elements meta = new Elements();
    meta.add(0x00020001, "OB", new byte[] {0, 1});
    meta.add(0x00020002, "UI", uid(sopClass));
    meta.add(0x00020003, "UI", uid(sop));
    meta.add(0x00020010, "UI", uid(EXPLICIT_LE));
    Elements data = new Elements();
    data.add(0x00080016, "UI", uid(sopClass));
    data.add(0x00080018, "UI", uid(sop));
    data.add(0x00080060, "CS", text("CT"));
    data.add(0x00100010, "PN", text("Stow^Table"));
    data.add(0x0020000D, "UI", uid(study));
    data.add(0x0020000E, "UI", uid(series));
    data.add(0x7FE00010, "OW", new byte[256]);
    Elements file = new Elements();
    file.out.writeBytes(new byte[128]);
    file.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    byte[] metaBytes = meta.out.toByteArray();
    file.add(0x00020000, "UL", le(metaBytes.length, 4));
    file.out.writeBytes(metaBytes);
    file.out.writeBytes(data.out.toByteArray());
    return file.out.toByteArray();
  }

  /** Explicit VR little endian elements, one after another. */
  private static final class Elements {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void add(int tag, String vr, byte[] value) {
      out.writeBytes(le(tag >>> 16, 2));
      out.writeBytes(le(tag & 0xFFFF, 2));
      out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
      if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN")) {
        out.writeBytes(new byte[2]);
        out.writeBytes(le(value.length, 4));
      } else {
        out.writeBytes(le(value.length, 2));
      }
      out.writeBytes(value);
    }
  }

  private static byte[] le(long value, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return b;
  }

  private static byte[] uid(String uid) {
    byte[] b = uid.getBytes(StandardCharsets.US_ASCII);
    return b.length % 2 == 0 ? b : Arrays.copyOf(b, b.length + 1); // padded with NUL
  }

  private static byte[] text(String s) {
    return (s.length() % 2 == 0 ? s : s + " ").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The stand-in destination: the byte pass of ingest (its taps and the handler's gate) into the
   * in-memory blob store; filing notes the name and answers STORED, a refusal of the gate answers
   * REJECTED with its reason, as the ingest service does.
   */
  static final class MemoryStow implements StowDestination {
    Ingest bytes;
    final List<String> filed = new CopyOnWriteArrayList<>();
    private final Resource folder =
        new Resource(ResourceType.FOLDER, new JsonObject().put("_id", "folder-1").put("name", "f"));

    @Override
    public Future<Resource> target(Principal caller) {
      return Future.succeededFuture(folder);
    }

    @Override
    public Run open(Resource into, int maxBatch, BooleanSupplier moreComing) {
      return (origin, part, options, stored) ->
          bytes
              .store(part, options.gate())
              .andThen(x -> stored.run())
              .map(
                  ingested -> {
                    String name = options.nameFor(ingested.taps());
                    filed.add(name);
                    Resource file =
                        new Resource(
                            ResourceType.FILE,
                            new JsonObject().put("_id", "file-" + filed.size()).put("name", name));
                    return new IngestResult(IngestOutcome.STORED, file, ingested, null);
                  })
              .recover(
                  e -> {
                    for (Throwable c = e; c != null; c = c.getCause()) {
                      if (c instanceof StowRefusal r) {
                        return Future.succeededFuture(
                            new IngestResult(IngestOutcome.REJECTED, null, null, r));
                      }
                    }
                    return Future.failedFuture(e);
                  });
    }
  }
}
