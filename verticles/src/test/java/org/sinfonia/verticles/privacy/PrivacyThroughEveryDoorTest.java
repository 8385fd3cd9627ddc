package org.sinfonia.verticles.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.SftpClients;
import org.sinfonia.verticles.testing.TestNode;

/**
 * A folder's privacy policy through every door (streamed upload, tus, STOW-RS, SFTP, zip
 * extraction), over real sockets, with dcmtk-made CT files that identify their patient at the top
 * level, in a nested sequence, in a private block and in dates, and reference each other by UID.
 *
 * <p>Under {@code deidentify} every door stores only de-identified bytes: no identifying value
 * left, valid for {@code dcmdump}, pixel data byte-identical, Patient Identity Removed = YES, one
 * pseudonymous study and patient for every file of the study whichever door it came through, the
 * cross-file reference mapped like the instance it names, dates shifted by one amount, and an audit
 * entry. Under {@code reject} every door refuses with its own clear answer and stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class PrivacyThroughEveryDoorTest {

  private static final String STUDY = "1.2.826.0.1.3680043.10.77";
  private static final String SERIES = STUDY + ".1";
  private static final String PATIENT_NAME = "Garcia^Lucia";
  private static final String PATIENT_ID = "HOSP-778812";
  private static final List<String> DOORS = List.of("upload", "tus", "stow", "sftp", "zip");

  /** Values that must not survive de-identification anywhere in a stored file. */
  private static final List<String> IDENTIFYING =
      List.of(
          "Garcia",
          "Lucia",
          PATIENT_ID,
          "19611023",
          "Hospital Clinic Barcelona",
          "Carrer de Villarroel",
          "Dr^House",
          "Op^Erator",
          "SECRET-NOTE",
          "ACC-55501",
          "CT-SCANNER-7",
          STUDY);

  @TempDir Path dir;

  private TestNode node;
  private Api api;
  private String home;

  @BeforeAll
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void deidentifyStoresOnlyDeidentifiedBytesThroughEveryDoor() throws Exception {
    byte[] first = instance(1, null);
    byte[] second = instance(2, sop(1)); // references the first instance
    Map<String, List<Stored>> byDoor = new LinkedHashMap<>();
    for (String door : DOORS) {
      String folder = policyFolder("deidentify", door);
      send(door, folder, "first.dcm", first);
      send(door, folder, "second.dcm", second);
      List<Stored> stored = new ArrayList<>();
      for (JsonObject file : filesIn(folder, 2)) {
        stored.add(download(file));
      }
      byDoor.put(door, stored);
    }

    String mappedStudy = null;
    String pseudonym = null;
    String shiftedDate = null;
    for (Map.Entry<String, List<Stored>> e : byDoor.entrySet()) {
      String door = e.getKey();
      Stored a = pick(e.getValue(), false);
      Stored b = pick(e.getValue(), true);
      for (Stored s : List.of(a, b)) {
        String row = door + " " + s.file().getString("name");
        String text = new String(s.bytes(), StandardCharsets.ISO_8859_1);
        for (String value : IDENTIFYING) {
          assertFalse(text.contains(value), row + " still holds " + value);
        }
        assertTrue(s.dump().contains("(0012,0062) CS [YES]"), row + "\n" + s.dump());
        assertTrue(s.dump().contains("113100"), row + " names the Basic Profile\n" + s.dump());
        assertArrayEquals(pixels(first), pixels(s.bytes()), row + ": pixel data byte-identical");
        JsonObject privacy = s.file().getJsonObject("privacy");
        assertNotNull(privacy, row + " carries the privacy summary: " + s.file().encode());
        assertEquals("deidentify", privacy.getString("policy"), row);
        assertNotNull(privacy.getJsonObject("actions"), row + " " + privacy.encode());
        JsonObject dicom = s.file().getJsonObject("dicom");
        String study = dicom.getString("studyInstanceUid");
        assertNotEquals(STUDY, study, row);
        if (mappedStudy == null) {
          mappedStudy = study;
          pseudonym = value(s.dump(), "(0010,0020)");
          shiftedDate = value(s.dump(), "(0008,0020)");
        }
        // One key, one mapping: the same study and patient whichever door and file.
        assertEquals(mappedStudy, study, row + ": the study maps to one UID");
        assertEquals(pseudonym, value(s.dump(), "(0010,0020)"), row + ": one pseudonym");
        assertEquals(shiftedDate, value(s.dump(), "(0008,0020)"), row + ": one date shift");
      }
      String newFirst = a.file().getJsonObject("dicom").getString("sopInstanceUid");
      assertNotEquals(sop(1), newFirst, door);
      assertTrue(
          b.dump().contains("(0008,1155) UI [" + newFirst + "]"),
          door + ": the second file's reference names the first one's new UID\n" + b.dump());
    }
    assertNotEquals("20240131", shiftedDate, "the study date is shifted");
    assertFalse(shiftedDate.isEmpty(), "retainLongitudinalModifiedDates keeps a date");
    assertNotEquals(PATIENT_ID, pseudonym);

    List<String> audited =
        audit(
            d -> d.contains("privacy policy deidentify: de-identified"),
            DOORS.size() * 2,
            "every de-identified file in the audit trail");
    for (String door : List.of("upload", "tus", "stow-rs", "sftp", "zip")) {
      assertTrue(audited.stream().anyMatch(d -> d.startsWith(door)), door + " audited: " + audited);
    }
  }

  @Test
  void rejectRefusesThroughEveryDoorWithAClearReason() throws Exception {
    byte[] identifying = instance(11, null);
    String sent = sop(11);

    String upload = policyFolder("reject", "upload");
    HttpResponse<Buffer> refused = uploadTo(upload, "refused.dcm", identifying);
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    JsonObject body = refused.bodyAsJsonObject();
    assertEquals("IDENTIFYING_DATA", body.getString("error"), body.encode());
    assertEquals("reject", body.getString("policy"), body.encode());
    assertNamesAttribute(body.getJsonArray("attributes"), "PatientName");
    assertFalse(body.encode().contains(PATIENT_NAME), "values are never echoed");

    String tus = policyFolder("reject", "tus");
    String location = tusCreate(tus, "refused.dcm", identifying.length);
    HttpResponse<Buffer> patched = tusPatch(location, identifying);
    assertEquals(422, patched.statusCode(), patched.bodyAsString());
    assertEquals("IDENTIFYING_DATA", patched.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> head =
        Await.result(
            node.client
                .head(location)
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Tus-Resumable", "1.0.0")
                .send());
    assertEquals(404, head.statusCode(), "a refused upload is not kept for a retry");

    String stow = policyFolder("reject", "stow");
    HttpResponse<Buffer> stowed = stow(stow, identifying);
    assertEquals(409, stowed.statusCode(), stowed.bodyAsString());
    JsonObject failed =
        stowed.bodyAsJsonObject().getJsonObject("00081198").getJsonArray("Value").getJsonObject(0);
    assertEquals(0x0124, failed.getJsonObject("00081197").getJsonArray("Value").getInteger(0));
    assertEquals(sent, failed.getJsonObject("00081155").getJsonArray("Value").getString(0));
    assertEquals(
        "1.2.840.10008.5.1.4.1.1.2",
        failed.getJsonObject("00081150").getJsonArray("Value").getString(0));

    String sftp = policyFolder("reject", "sftp");
    sftpPut("reject-sftp", "refused.dcm", identifying);
    JsonObject job =
        settled(
            j ->
                "sftp.ingest".equals(j.getString("kind"))
                    && j.getJsonObject("params")
                        .getString("path")
                        .endsWith("reject-sftp/refused.dcm"),
            "the SFTP drop's job");
    assertEquals("IDENTIFYING_DATA", job.getJsonObject("result").getString("failed"), job.encode());
    Path jail = node.dataDir.resolve("sftp/users/alice/inbox");
    assertTrue(Files.exists(jail.resolve(".failed/reject-sftp/refused.dcm")));
    assertTrue(
        Files.readString(jail.resolve(".failed/reject-sftp/refused.dcm.error.txt"))
            .contains("IDENTIFYING_DATA"));

    String zip = policyFolder("reject", "zip");
    byte[] readme = "the protocol of this study".getBytes(StandardCharsets.UTF_8);
    String extraction =
        extract(zip, zipOf(Map.of("refused.dcm", identifying, "readme.txt", readme)));
    JsonObject extracted = settled(j -> extraction.equals(j.getString("id")), "the extraction");
    assertEquals("done", extracted.getString("state"), "the rest continues: " + extracted.encode());
    JsonArray errors = extracted.getJsonArray("errors", new JsonArray());
    assertEquals(1, errors.size(), extracted.encode());
    assertEquals("refused.dcm", errors.getJsonObject(0).getString("entry"));
    assertEquals("IDENTIFYING_DATA", errors.getJsonObject(0).getString("error"));

    for (String folder : List.of(upload, tus, stow, sftp)) {
      assertEquals(0, items(folder).size(), "nothing stored in " + folder);
    }
    List<JsonObject> zipItems = items(zip);
    assertEquals(1, zipItems.size(), zipItems.toString());
    assertEquals("readme.txt", zipItems.get(0).getString("name"), "a file that is not DICOM");

    List<String> refusals =
        audit(
            d -> d.contains("REJECTED") && d.contains("privacy policy reject"),
            DOORS.size(),
            "every refusal in the audit trail");
    assertEquals(DOORS.size(), refusals.size(), refusals.toString());
  }

  @Test
  void stowToAStudyUrlUnderDeidentifyIsCheckedAgainstTheStudySent() throws Exception {
    String folder = policyFolder("deidentify", "stow-study-url");
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .post("/dicom-web/folders/" + folder + "/studies/" + STUDY)
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Content-Type", multipartType())
                .putHeader("Accept", "application/dicom+json")
                .sendBuffer(multipart(instance(21, null))));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    JsonObject answer = r.bodyAsJsonObject();
    JsonObject stored = answer.getJsonObject("00081199").getJsonArray("Value").getJsonObject(0);
    assertEquals(0xB000, stored.getJsonObject("00081196").getJsonArray("Value").getInteger(0));
    String retrieve = answer.getJsonObject("00081190").getJsonArray("Value").getString(0);
    assertFalse(retrieve.contains(STUDY), "the study is retrieved under its new UID: " + retrieve);
  }

  // ---- the doors

  private void send(String door, String folder, String name, byte[] bytes) throws Exception {
    switch (door) {
      case "upload" -> {
        HttpResponse<Buffer> r = uploadTo(folder, name, bytes);
        assertEquals(201, r.statusCode(), r.bodyAsString());
      }
      case "tus" -> {
        HttpResponse<Buffer> r = tusPatch(tusCreate(folder, name, bytes.length), bytes);
        assertEquals(204, r.statusCode(), r.bodyAsString());
      }
      case "stow" -> {
        HttpResponse<Buffer> r = stow(folder, bytes);
        assertEquals(202, r.statusCode(), r.bodyAsString()); // stored with a warning
        JsonObject stored =
            r.bodyAsJsonObject().getJsonObject("00081199").getJsonArray("Value").getJsonObject(0);
        assertEquals(0xB000, stored.getJsonObject("00081196").getJsonArray("Value").getInteger(0));
      }
      case "sftp" -> sftpPut("deidentify-sftp", name, bytes);
      case "zip" -> {
        String job = extract(folder, zipOf(Map.of(name, bytes)));
        JsonObject done = settled(j -> job.equals(j.getString("id")), "the extraction");
        assertEquals("done", done.getString("state"), done.encode());
      }
      default -> throw new IllegalArgumentException(door);
    }
  }

  private HttpResponse<Buffer> uploadTo(String folder, String name, byte[] bytes) {
    return Await.result(
        node.client
            .post("/api/v1/folders/" + folder + "/files")
            .addQueryParam("name", name)
            .putHeader("Authorization", "Bearer " + api.token("alice"))
            .sendBuffer(Buffer.buffer(bytes)));
  }

  private String tusCreate(String folder, String name, int length) {
    HttpResponse<Buffer> created =
        Await.result(
            node.client
                .post("/api/v1/uploads")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Tus-Resumable", "1.0.0")
                .putHeader("Upload-Length", String.valueOf(length))
                .putHeader("Upload-Metadata", "filename " + b64(name) + ",folderId " + b64(folder))
                .send());
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return java.net.URI.create(created.getHeader("Location")).getPath();
  }

  /** Two PATCHes, so that the completion reads back what several requests wrote. */
  private HttpResponse<Buffer> tusPatch(String location, byte[] bytes) {
    int half = bytes.length / 2;
    HttpResponse<Buffer> first = patch(location, 0, Arrays.copyOfRange(bytes, 0, half));
    assertEquals(204, first.statusCode(), first.bodyAsString());
    return patch(location, half, Arrays.copyOfRange(bytes, half, bytes.length));
  }

  private HttpResponse<Buffer> patch(String location, long offset, byte[] bytes) {
    return Await.result(
        node.client
            .patch(location)
            .putHeader("Authorization", "Bearer " + api.token("alice"))
            .putHeader("Tus-Resumable", "1.0.0")
            .putHeader("Upload-Offset", String.valueOf(offset))
            .putHeader("Content-Type", "application/offset+octet-stream")
            .sendBuffer(Buffer.buffer(bytes)));
  }

  private HttpResponse<Buffer> stow(String folder, byte[] bytes) {
    return Await.result(
        node.client
            .post("/dicom-web/folders/" + folder + "/studies")
            .putHeader("Authorization", "Bearer " + api.token("alice"))
            .putHeader("Content-Type", multipartType())
            .putHeader("Accept", "application/dicom+json")
            .sendBuffer(multipart(bytes)));
  }

  private static String multipartType() {
    return "multipart/related; type=\"application/dicom\"; boundary=privacy-boundary";
  }

  private static Buffer multipart(byte[] bytes) {
    return Buffer.buffer("--privacy-boundary\r\nContent-Type: application/dicom\r\n\r\n")
        .appendBytes(bytes)
        .appendString("\r\n--privacy-boundary--\r\n");
  }

  /**
   * Drops a file into the SFTP inbox folder {@code inbox/<drop>}, mapped to the home's subfolder.
   */
  private void sftpPut(String drop, String name, byte[] bytes) throws Exception {
    Path local = Files.write(dir.resolve(drop + "-" + name), bytes);
    SftpClients.Run put =
        new SftpClients(node.sftpPort(), dir)
            .sftpPassword(
                "alice",
                "alice-demo",
                "-mkdir inbox/" + drop,
                "put " + local + " inbox/" + drop + "/" + name);
    assertTrue(put.ok(), put.output());
  }

  /**
   * Uploads a zip into the home folder (accept) and extracts it into {@code folder}: the job id.
   */
  private String extract(String folder, byte[] zip) {
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .post("/api/v1/folders/" + home + "/files")
                .addQueryParam("name", "archive-" + System.nanoTime() + ".zip")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Content-Type", "application/zip")
                .sendBuffer(Buffer.buffer(zip)));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return api.expect(
            202,
            api.post(
                "alice",
                "/files/" + r.bodyAsJsonObject().getString("id") + "/extract",
                new JsonObject().put("folderId", folder)))
        .getString("jobId");
  }

  private static byte[] zipOf(Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return zip.toByteArray();
  }

  // ---- the files

  private static String sop(int n) {
    return SERIES + "." + n;
  }

  /**
   * A CT of the study by dcmtk, identifying its patient at the top level, inside a two-level
   * sequence, in a private block and in dates; {@code references}, if given, is another instance's
   * SOP Instance UID named in its Referenced Image Sequence.
   */
  private byte[] instance(int n, String references) throws Exception {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("(0008,0050)", "SH [ACC-55501]");
    extra.put("(0008,0080)", "LO [Hospital Clinic Barcelona]");
    extra.put("(0008,0081)", "ST [Carrer de Villarroel 170]");
    extra.put("(0008,0090)", "PN [Dr^House]");
    extra.put("(0008,1010)", "SH [CT-SCANNER-7]");
    extra.put("(0008,1070)", "PN [Op^Erator]");
    extra.put("(0010,0030)", "DA [19611023]");
    extra.put("(0020,0052)", "UI [" + STUDY + ".9]");
    extra.put("(0009,0010)", "LO [ACME PRIVATE 1.0]");
    extra.put("(0009,1001)", "LO [SECRET-NOTE]");
    extra.put(
        "(0040,0275)",
        String.join(
            "\n",
            "SQ (Sequence with explicit length #=1)",
            "(fffe,e000) na (Item with explicit length #=2)",
            "(0040,1001) SH [ACC-55501]",
            "(0040,0008) SQ (Sequence with explicit length #=1)",
            "(fffe,e000) na (Item with explicit length #=1)",
            "(0008,0104) LO [Garcia^Lucia follow-up]",
            "(fffe,e00d) na (ItemDelimitationItem for re-encoding)",
            "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.)",
            "(fffe,e00d) na (ItemDelimitationItem for re-encoding)",
            "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.)"));
    if (references != null) {
      extra.put(
          "(0008,1140)",
          String.join(
              "\n",
              "SQ (Sequence with explicit length #=1)",
              "(fffe,e000) na (Item with explicit length #=2)",
              "(0008,1150) UI =CTImageStorage",
              "(0008,1155) UI [" + references + "]",
              "(fffe,e00d) na (ItemDelimitationItem for re-encoding)",
              "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.)"));
    }
    Path f =
        DicomFiles.ct(
            Files.createTempDirectory(dir, "ct"),
            STUDY,
            SERIES,
            sop(n),
            PATIENT_NAME,
            PATIENT_ID,
            "CT",
            extra);
    byte[] bytes = Files.readAllBytes(f);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("SECRET-NOTE") && text.contains("Garcia^Lucia follow-up"), "dcmtk");
    return bytes;
  }

  /** A stored file's record, its bytes and dcmdump's text of them. */
  private record Stored(JsonObject file, byte[] bytes, String dump) {
    /** The second instance is the one with a Referenced Image Sequence. */
    boolean references() {
      return dump.contains("(0008,1140)");
    }
  }

  private Stored download(JsonObject file) throws Exception {
    HttpResponse<Buffer> r = api.get("alice", "/files/" + file.getString("id") + "/download");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    byte[] bytes = r.body().getBytes();
    Path local = Files.write(dir.resolve(file.getString("id") + ".dcm"), bytes);
    Process p = new ProcessBuilder("dcmdump", local.toString()).redirectErrorStream(true).start();
    String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), dump);
    assertFalse(dump.contains("W: ") || dump.contains("E: "), "dcmdump warns:\n" + dump);
    return new Stored(file, bytes, dump);
  }

  private static Stored pick(List<Stored> pair, boolean references) {
    return pair.stream()
        .filter(s -> s.references() == references)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no such file in " + pair));
  }

  /** The last 128 bytes: the 8x8 16-bit pixel data dcmtk wrote last. */
  private static byte[] pixels(byte[] file) {
    return Arrays.copyOfRange(file, file.length - 128, file.length);
  }

  /** The bracketed value of a top-level element in dcmdump's text ("" when empty). */
  private static String value(String dump, String tag) {
    for (String line : dump.split("\n")) {
      if (line.startsWith(tag)) {
        int open = line.indexOf('[');
        return open < 0 ? "" : line.substring(open + 1, line.indexOf(']', open));
      }
    }
    throw new AssertionError(tag + " not in\n" + dump);
  }

  private static void assertNamesAttribute(JsonArray attributes, String keyword) {
    assertNotNull(attributes);
    assertTrue(
        attributes.stream()
            .map(JsonObject.class::cast)
            .anyMatch(a -> keyword.equals(a.getString("keyword"))),
        keyword + " named in " + attributes.encode());
  }

  // ---- the repository

  /** A subfolder of alice's home under {@code policy} (set through its REST endpoint). */
  private String policyFolder(String policy, String door) {
    String name = policy + "-" + door;
    String folder =
        childFolder(name)
            .orElseGet(
                () ->
                    api.id(
                        201,
                        api.post(
                            "alice",
                            "/folders",
                            new JsonObject()
                                .put("parentType", "folder")
                                .put("parentId", home)
                                .put("name", name))));
    JsonObject set = new JsonObject().put("policy", policy);
    if (policy.equals("deidentify")) {
      set.put("options", new JsonObject().put("retainLongitudinalModifiedDates", true));
    }
    api.expect(200, api.put("alice", "/folders/" + folder + "/privacy", set));
    return folder;
  }

  private Optional<String> childFolder(String name) {
    return api.expectList(api.get("alice", "/folders?parentType=folder&parentId=" + home)).stream()
        .map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals(name))
        .map(f -> f.getString("id"))
        .findFirst();
  }

  private List<JsonObject> items(String folder) {
    return api.expectList(api.get("alice", "/items?folderId=" + folder)).stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /** The files of a folder once {@code count} have arrived and been indexed. */
  private List<JsonObject> filesIn(String folder, int count) {
    return await(
        () -> {
          List<JsonObject> files = new ArrayList<>();
          for (JsonObject item : items(folder)) {
            api.expectList(api.get("alice", "/items/" + item.getString("id") + "/files")).stream()
                .map(JsonObject.class::cast)
                .filter(
                    f ->
                        f.getJsonObject("dicom") != null
                            && f.getJsonObject("dicom").getString("sopInstanceUid") != null)
                .forEach(files::add);
          }
          return files.size() >= count ? Optional.of(files) : Optional.empty();
        },
        count + " files in " + folder);
  }

  /** alice's job that {@code which} picks, once it has settled. */
  private JsonObject settled(java.util.function.Predicate<JsonObject> which, String what) {
    return await(
        () ->
            api.expectList(api.get("alice", "/jobs?limit=500")).stream()
                .map(JsonObject.class::cast)
                .filter(which)
                .filter(j -> !List.of("queued", "running").contains(j.getString("state")))
                .findFirst()
                .map(j -> api.expect(200, api.get("alice", "/jobs/" + j.getString("id")))),
        what);
  }

  /** The audit details matching {@code which}, once there are {@code atLeast} of them. */
  private List<String> audit(java.util.function.Predicate<String> which, int atLeast, String what) {
    return await(
        () -> {
          List<String> details =
              api.expectList(api.get("admin", "/audit?user=alice&limit=1000")).stream()
                  .map(JsonObject.class::cast)
                  .map(e -> String.valueOf(e.getValue("detail")))
                  .filter(which)
                  .toList();
          return details.size() >= atLeast ? Optional.of(details) : Optional.empty();
        },
        what);
  }

  private <T> T await(Supplier<Optional<T>> probe, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Optional<T> got = probe.get();
      if (got.isPresent()) {
        return got.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never arrived: " + what);
      }
      Await.result(node.vertx.timer(100));
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
