package org.sinfonia.verticles.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
 * The DICOM tolerance of the ingest service through every door: a file meta naming another SOP
 * instance, and group 0002 elements repeated inside the data set, sent by streamed upload, tus,
 * STOW-RS (which also answers Warning Reason 0xB007), SFTP and zip extraction, are each stored,
 * indexed under the data set's SOP Instance UID, and carry the warning on the file ({@code
 * dicom.warnings}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class ToleranceThroughEveryDoorTest {

  private static final String STUDY = "1.2.826.0.1.3680043.10.91";

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

  /** A file of the table: how it breaks the file meta rules, and the warning it must carry. */
  enum Case {
    META_NAMES_ANOTHER_INSTANCE("FILE_META_MISMATCH"),
    META_ELEMENTS_IN_DATA_SET("FILE_META_IN_DATASET");

    final String warning;

    Case(String warning) {
      this.warning = warning;
    }
  }

  @Test
  void everyDoorStoresIndexesAndWarns() throws Exception {
    int door = 0;
    for (String name : List.of("upload", "tus", "stow", "sftp", "zip")) {
      door++;
      for (Case c : Case.values()) {
        String sop = STUDY + ".1." + door + "." + (c.ordinal() + 1);
        byte[] bytes = broken(c, sop);
        String fileName = c.name().toLowerCase() + ".dcm";
        String folder = send(name, fileName, bytes);
        JsonObject file =
            fileIn(folder, name.equals("stow") ? sop + ".dcm" : fileName); // STOW-RS names by UID
        String row = name + " " + c + " -> " + file.encode();
        JsonObject dicom = file.getJsonObject("dicom");
        assertEquals(sop, dicom.getString("sopInstanceUid"), row);
        JsonArray warnings = dicom.getJsonArray("warnings");
        assertEquals(1, warnings.size(), row);
        assertEquals(c.warning, warnings.getJsonObject(0).getString("kind"), row);
        HttpResponse<Buffer> qido =
            Await.result(
                node.client
                    .get("/dicom-web/studies/" + STUDY + "/instances")
                    .addQueryParam("SOPInstanceUID", sop)
                    .putHeader("Authorization", "Bearer " + api.token("alice"))
                    .putHeader("Accept", "application/dicom+json")
                    .send());
        assertEquals(200, qido.statusCode(), row + " QIDO " + qido.bodyAsString());
        assertEquals(1, qido.bodyAsJsonArray().size(), row + " QIDO " + qido.bodyAsString());
      }
    }
  }

  /** Sends one file through a door; returns the folder it lands in. */
  private String send(String door, String name, byte[] bytes) throws Exception {
    switch (door) {
      case "upload" -> {
        String folder = folder("tolerance-upload");
        HttpResponse<Buffer> r =
            Await.result(
                node.client
                    .post("/api/v1/folders/" + folder + "/files")
                    .addQueryParam("name", name)
                    .putHeader("Authorization", "Bearer " + api.token("alice"))
                    .sendBuffer(Buffer.buffer(bytes)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return folder;
      }
      case "tus" -> {
        String folder = folder("tolerance-tus");
        HttpResponse<Buffer> created =
            Await.result(
                node.client
                    .post("/api/v1/uploads")
                    .putHeader("Authorization", "Bearer " + api.token("alice"))
                    .putHeader("Tus-Resumable", "1.0.0")
                    .putHeader("Upload-Length", String.valueOf(bytes.length))
                    .putHeader(
                        "Upload-Metadata", "filename " + b64(name) + ",folderId " + b64(folder))
                    .send());
        assertEquals(201, created.statusCode(), created.bodyAsString());
        HttpResponse<Buffer> done =
            Await.result(
                node.client
                    .patch(java.net.URI.create(created.getHeader("Location")).getPath())
                    .putHeader("Authorization", "Bearer " + api.token("alice"))
                    .putHeader("Tus-Resumable", "1.0.0")
                    .putHeader("Upload-Offset", "0")
                    .putHeader("Content-Type", "application/offset+octet-stream")
                    .sendBuffer(Buffer.buffer(bytes)));
        assertEquals(204, done.statusCode(), done.bodyAsString());
        return folder;
      }
      case "stow" -> {
        String folder = folder("tolerance-stow");
        String boundary = "tolerance-boundary";
        Buffer body =
            Buffer.buffer("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                .appendBytes(bytes)
                .appendString("\r\n--" + boundary + "--\r\n");
        HttpResponse<Buffer> r =
            Await.result(
                node.client
                    .post("/dicom-web/folders/" + folder + "/studies")
                    .putHeader("Authorization", "Bearer " + api.token("alice"))
                    .putHeader(
                        "Content-Type",
                        "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                    .putHeader("Accept", "application/dicom+json")
                    .sendBuffer(body));
        assertEquals(202, r.statusCode(), r.bodyAsString());
        JsonObject stored =
            r.bodyAsJsonObject().getJsonObject("00081199").getJsonArray("Value").getJsonObject(0);
        assertEquals(
            0xB007,
            stored.getJsonObject("00081196").getJsonArray("Value").getInteger(0),
            r.bodyAsString());
        return folder;
      }
      case "sftp" -> {
        Path local = Files.write(dir.resolve(name), bytes);
        SftpClients.Run put =
            new SftpClients(node.sftpPort(), dir)
                .sftpPassword(
                    "alice",
                    "alice-demo",
                    "-mkdir inbox/tolerance-sftp",
                    "put " + local + " inbox/tolerance-sftp/" + name);
        assertTrue(put.ok(), put.output());
        return await(() -> childFolder("tolerance-sftp"), "the SFTP drop's folder");
      }
      case "zip" -> {
        String folder = folder("tolerance-zip");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
          out.putNextEntry(new ZipEntry(name));
          out.write(bytes);
          out.closeEntry();
        }
        HttpResponse<Buffer> r =
            Await.result(
                node.client
                    .post("/api/v1/folders/" + home + "/files")
                    .addQueryParam("name", name + ".zip")
                    .putHeader("Authorization", "Bearer " + api.token("alice"))
                    .putHeader("Content-Type", "application/zip")
                    .sendBuffer(Buffer.buffer(zip.toByteArray())));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        api.expect(
            202,
            api.post(
                "alice",
                "/files/" + r.bodyAsJsonObject().getString("id") + "/extract",
                new JsonObject().put("folderId", folder)));
        return folder;
      }
      default -> throw new IllegalArgumentException(door);
    }
  }

  /** A small CT written by dcmtk, then broken the way real exports are. */
  private byte[] broken(Case c, String sop) throws Exception {
    Path f =
        DicomFiles.ct(
            Files.createTempDirectory(dir, "ct"),
            STUDY,
            STUDY + ".1",
            sop,
            "Tolerance^Test",
            "TOL-1",
            "CT");
    byte[] bytes = Files.readAllBytes(f);
    assertTrue(
        new String(bytes, StandardCharsets.ISO_8859_1).contains("1.2.840.10008.1.2.1"),
        "dcmtk wrote explicit VR little endian");
    return switch (c) {
      case META_NAMES_ANOTHER_INSTANCE -> {
        // the file meta's (0002,0003) comes before the data set's (0008,0018): change the first
        // copy's last digit
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(sop);
        bytes[at + sop.length() - 1] = (byte) (bytes[at + sop.length() - 1] == '9' ? '8' : '9');
        yield bytes;
      }
      case META_ELEMENTS_IN_DATA_SET -> {
        // (0002,0013) Implementation Version Name again, as the data set's first element
        int metaEnd =
            132 + 12 + ByteBuffer.wrap(bytes, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] stray =
            ByteBuffer.allocate(14)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x0002)
                .putShort((short) 0x0013)
                .put("SH".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 6)
                .put("STRAY ".getBytes(StandardCharsets.US_ASCII))
                .array();
        byte[] out = new byte[bytes.length + stray.length];
        System.arraycopy(bytes, 0, out, 0, metaEnd);
        System.arraycopy(stray, 0, out, metaEnd, stray.length);
        System.arraycopy(bytes, metaEnd, out, metaEnd + stray.length, bytes.length - metaEnd);
        yield out;
      }
    };
  }

  private String folder(String name) {
    return childFolder(name)
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
  }

  private Optional<String> childFolder(String name) {
    return api.expectList(api.get("alice", "/folders?parentType=folder&parentId=" + home)).stream()
        .map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals(name))
        .map(f -> f.getString("id"))
        .findFirst();
  }

  /**
   * The file {@code name} in the folder once it has arrived and been indexed (SFTP and zip arrive
   * later).
   */
  private JsonObject fileIn(String folder, String name) {
    return await(
        () ->
            api.expectList(api.get("alice", "/items?folderId=" + folder)).stream()
                .map(JsonObject.class::cast)
                .filter(i -> i.getString("name").equals(name))
                .findFirst()
                .flatMap(
                    i ->
                        api
                            .expectList(api.get("alice", "/items/" + i.getString("id") + "/files"))
                            .stream()
                            .map(JsonObject.class::cast)
                            .findFirst())
                .filter(
                    f ->
                        f.getJsonObject("dicom") != null
                            && f.getJsonObject("dicom").getString("sopInstanceUid") != null),
        name + " in " + folder);
  }

  private <T> T await(java.util.function.Supplier<Optional<T>> probe, String what) {
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
