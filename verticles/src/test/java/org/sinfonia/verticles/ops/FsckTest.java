package org.sinfonia.verticles.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.dicom.DicomCollections;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * {@code fsck} against a live node's store (its main entry, in this process, connected to the
 * node's embedded MongoDB over its port, the blob store read from the data directory): a repository
 * made through the API is clean; then the store is damaged by hand in seven ways, each reported
 * with its id; {@code --repair} fixes all but the lost and the truncated blob, a second run reports
 * only those, and the node still answers as before.
 */
@ExtendWith(NoBlockedThreads.class)
class FsckTest {

  private static final String STUDY = "1.2.826.99.21";
  private static final String SERIES = STUDY + ".1";

  @TempDir Path dir;
  private TestNode node;
  private Api api;
  private MongoClient mongo;
  private boolean stopped;

  @BeforeEach
  void start() {
    node = TestNode.start();
    api = Api.demo(node);
    mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
  }

  @AfterEach
  void stop() throws Exception {
    if (mongo != null) {
      Await.result(mongo.close());
    }
    if (!stopped) {
      node.close();
    } else {
      try (var files = Files.walk(node.dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Run(int status, String out, String err) {
    List<String> problems() {
      return out.lines().filter(l -> l.startsWith("PROBLEM ")).toList();
    }
  }

  private Run fsck(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env =
        Map.of(
            "SINFONIA_DATA_DIR", node.dataDir.toString(),
            "SINFONIA_MONGO_URI", node.node.mongoUri(),
            "SINFONIA_VIEWER_ENABLED", "false");
    List<String> all = new java.util.ArrayList<>(List.of("--settle-ms", "200", "--progress", "5"));
    all.addAll(List.of(args));
    int status =
        Fsck.run(
            all,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    Run run =
        new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println("fsck " + String.join(" ", args) + " -> " + status + "\n" + run.out());
    return run;
  }

  private String folder(String parent, String name) {
    return api.id(
        201,
        api.post(
            "alice",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", parent)
                .put("name", name)));
  }

  private JsonObject doc(String collection, String id) {
    return Await.result(mongo.findOne(collection, new JsonObject().put("_id", id), null));
  }

  private void set(String collection, String id, JsonObject fields) {
    Await.result(
        mongo.updateCollection(
            collection, new JsonObject().put("_id", id), new JsonObject().put("$set", fields)));
  }

  private Path blobPath(String sha) {
    return node.dataDir
        .resolve("store/blobs")
        .resolve(sha.substring(0, 2))
        .resolve(sha.substring(2, 4))
        .resolve(sha);
  }

  @Test
  void findsEachDamageRepairsWhatItCanAndTheNodeStillAnswersRight() throws Exception {
    assumeTrue(TestNode.blobsAreFiles(), "fsck reads a blob store of files");
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String project = folder(home, "project");
    String sub = folder(project, "sub");
    String shared = folder(home, "shared");
    String ctFolder = folder(project, "ct");
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + shared + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    byte[] kept = "kept in the project".getBytes(StandardCharsets.UTF_8);
    String keptFile = api.upload("alice", project, "kept.txt", kept).getString("id");
    api.upload("alice", sub, "kept-again.txt", kept); // the same blob, two references
    String lost =
        api.upload("alice", sub, "lost.txt", "lost later".getBytes(StandardCharsets.UTF_8))
            .getString("id");
    String shortened =
        api.upload("alice", shared, "short.txt", "x".repeat(4096).getBytes(StandardCharsets.UTF_8))
            .getString("id");
    String secret =
        api.upload("alice", home, "secret.txt", "alice only".getBytes(StandardCharsets.UTF_8))
            .getString("id");
    for (int i = 1; i <= 3; i++) {
      Path ct = DicomFiles.ct(dir, STUDY, SERIES, SERIES + "." + i, "Fsck^Test", "FS-1", "CT");
      api.upload("alice", ctFolder, "ct" + i + ".dcm", Files.readAllBytes(ct));
    }
    long projectSize = api.expect(200, api.get("alice", "/folders/" + project)).getLong("size");
    assertEquals(1, studies().size());
    assertNotEquals(200, api.get("bob", "/files/" + secret).statusCode());

    // Clean: every check runs and finds nothing.
    Run clean = fsck();
    assertEquals(0, clean.status(), clean.out() + clean.err());
    assertEquals(List.of(), clean.problems());
    assertTrue(clean.out().contains("check blobs: 8 checked, 0 problems"), clean.out());
    assertTrue(clean.out().contains("fsck: 0 problems"), clean.out());
    assertTrue(clean.err().contains(" read"), "progress on stderr: " + clean.err());
    Run deep = fsck("--deep");
    assertEquals(0, deep.status(), deep.out());

    // Damage, each kind once.
    String lostSha = doc(Collections.FILES, lost).getString("sha256");
    Files.delete(blobPath(lostSha));
    String shortSha = doc(Collections.FILES, shortened).getString("sha256");
    try (var ch = Files.newByteChannel(blobPath(shortSha), StandardOpenOption.WRITE)) {
      ch.truncate(100);
    }
    set(Collections.FOLDERS, project, new JsonObject().put("size", projectSize + 1000));
    String keptSha = sha(kept);
    set(Collections.FOLDERS, sub, new JsonObject().put("itemChunks.0", 7L));
    String keptItem = doc(Collections.FILES, keptFile).getString("itemId");
    set(Collections.ITEMS, keptItem, new JsonObject().put("size", 5L).put("fileCount", 3L));
    set(Collections.BLOB_REFS, keptSha, new JsonObject().put("refs", 5L));
    Await.result(
        mongo.removeDocument(
            DicomCollections.INSTANCES, new JsonObject().put("_id", SERIES + ".3")));
    JsonObject dangling = doc(DicomCollections.INSTANCES, SERIES + ".1").copy();
    Await.result(
        mongo.insert(
            DicomCollections.INSTANCES,
            dangling
                .put("_id", STUDY + ".2.1")
                .put("seriesUid", STUDY + ".2")
                .put("fileId", "deleted-file")));
    byte[] orphanBytes = "nobody's".getBytes(StandardCharsets.UTF_8);
    String orphanSha = sha(orphanBytes);
    Path orphan = blobPath(orphanSha);
    Files.createDirectories(orphan.getParent());
    Files.write(orphan, orphanBytes);
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
    set(
        Collections.FILES,
        secret,
        new JsonObject().put("readers", new JsonArray().add("u:alice").add("u:bob")));

    Run damaged = fsck();
    assertEquals(1, damaged.status(), damaged.out());
    String problems = String.join("\n", damaged.problems());
    assertTrue(
        problems.contains("PROBLEM blobs file " + lost + ": blob " + lostSha + " is missing"),
        problems);
    assertTrue(
        problems.contains(
            "PROBLEM blobs file "
                + shortened
                + ": blob "
                + shortSha
                + " is 100 bytes, the file says 4096"),
        problems);
    assertTrue(
        problems.contains(
            "PROBLEM sizes folder "
                + project
                + ": size "
                + (projectSize + 1000)
                + ", its contents: "
                + projectSize),
        problems);
    assertTrue(
        problems.contains("PROBLEM refs blob " + keptSha + ": counts 5 references, 2 files use it"),
        problems);
    assertTrue(
        problems.contains("PROBLEM lists folder " + sub + ": list chunk 0 counts 7 items, holds 2"),
        problems);
    assertTrue(
        problems.contains(
            "PROBLEM sizes item "
                + keptItem
                + ": size 5 and 3 files, its files: "
                + kept.length
                + " bytes in 1"),
        problems);
    assertTrue(problems.contains("PROBLEM dicom-index file "), problems);
    assertTrue(
        problems.contains(
            "PROBLEM dicom-index instance "
                + STUDY
                + ".2.1: points at file deleted-file, which does not exist"),
        problems);
    assertTrue(
        problems.contains("(SOP Instance UID " + SERIES + ".3) but not in the index"), problems);
    assertTrue(
        problems.contains(
            "PROBLEM dicom-summaries series "
                + DicomCollections.partId(ctFolder, SERIES)
                + ": counts 3 instances, the index holds 2"),
        problems);
    assertTrue(
        problems.contains("PROBLEM orphans blob " + orphanSha + ": no file uses it"), problems);
    assertTrue(
        problems.contains(
            "PROBLEM access file "
                + secret
                + ": readers [\"u:alice\",\"u:bob\"], its ACL gives [\"u:alice\"]"),
        problems);

    Run repair = fsck("--repair");
    assertEquals(1, repair.status(), repair.out());
    assertTrue(repair.out().contains("LEFT blobs file " + lost), repair.out());
    assertTrue(repair.out().contains("FIXED sizes folder " + project), repair.out());
    assertTrue(repair.out().contains("FIXED orphans blob " + orphanSha + ": "), repair.out());
    assertTrue(repair.out().contains(" left"), repair.out());
    assertFalse(Files.exists(orphan), "the orphan blob is gone");
    assertEquals(kept.length, doc(Collections.ITEMS, keptItem).getLong("size"));
    assertEquals(1L, doc(Collections.ITEMS, keptItem).getLong("fileCount"));

    Run after = fsck();
    assertEquals(1, after.status(), after.out());
    assertEquals(
        List.of("blobs", "blobs"),
        after.problems().stream().map(l -> l.split(" ")[1]).toList(),
        after.out());
    assertTrue(Files.exists(blobPath(keptSha)));
    assertEquals(2L, doc(Collections.BLOB_REFS, keptSha).getLong("refs"));

    // The node answers as before the damage.
    assertEquals(
        projectSize, api.expect(200, api.get("alice", "/folders/" + project)).getLong("size"));
    JsonArray found = studies();
    assertEquals(1, found.size());
    assertEquals(
        3,
        found.getJsonObject(0).getJsonObject("00201208").getJsonArray("Value").getInteger(0),
        "instances of the study: " + found);
    assertNotEquals(200, api.get("bob", "/files/" + secret).statusCode());
    assertEquals(200, api.get("alice", "/files/" + secret).statusCode());
    assertEquals(
        200, api.get("bob", "/files/" + shortened).statusCode(), "bob reads what is shared");
  }

  @Test
  void repairsWhileTheNodeTakesUploadsLeaveItConsistent() throws Exception {
    assumeTrue(TestNode.blobsAreFiles(), "fsck reads a blob store of files");
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String busy = folder(home, "busy");
    api.token("alice");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong bytes = new AtomicLong();
    AtomicInteger uploads = new AtomicInteger();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread uploader =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 400 && !stop.get(); i++) {
                  // Seven contents over and over: blobs shared by many files, counts moving.
                  byte[] data = ("content " + i % 7).getBytes(StandardCharsets.UTF_8);
                  api.upload("alice", busy, "f" + i + ".txt", data);
                  bytes.addAndGet(data.length);
                  uploads.incrementAndGet();
                }
              } catch (Throwable e) {
                failed.set(e);
              }
            },
            "uploader");
    uploader.start();
    Run first = fsck("--repair");
    Run second = fsck("--repair", "--deep");
    stop.set(true);
    uploader.join(60_000);
    assertEquals(null, failed.get());
    assertTrue(uploads.get() > 0);
    assertTrue(first.status() <= 1 && second.status() <= 1, first.out() + second.out());

    Run after = fsck();
    assertEquals(0, after.status(), "nothing left wrong after repairs under load:\n" + after.out());
    assertEquals(
        bytes.get(), api.expect(200, api.get("alice", "/folders/" + busy)).getLong("size"));
  }

  @Test
  void usageAndConnectionErrorsExitWithTwo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, Fsck.run(List.of("--help"), Map.of(), o, o));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: java -jar sinfonia.jar fsck"));
    assertEquals(2, Fsck.run(List.of("--bogus"), Map.of(), o, o));
    // The node runs on its data directory with its embedded store on a port fsck cannot know.
    assertEquals(
        2,
        Fsck.run(List.of(), Map.of("SINFONIA_DATA_DIR", node.dataDir.toString()), o, o),
        out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("a node is running on"));

    // Once it stopped, fsck opens the embedded store's file itself.
    if (!TestNode.blobsAreFiles()) {
      return; // that node's blobs were in its memory
    }
    api.upload("alice", home(), "one.txt", "one".getBytes(StandardCharsets.UTF_8));
    Await.result(mongo.close());
    mongo = null;
    node.stop();
    stopped = true;
    out.reset();
    assertEquals(
        0,
        Fsck.run(List.of(), Map.of("SINFONIA_DATA_DIR", node.dataDir.toString()), o, o),
        out.toString(StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("check blobs: 1 checked, 0 problems"),
        out.toString(StandardCharsets.UTF_8));
  }

  private String home() {
    return api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  private JsonArray studies() {
    HttpResponse<Buffer> r =
        Await.result(
            node.client
                .get("/dicom-web/studies?PatientID=FS-1")
                .putHeader("Authorization", "Bearer " + api.token("alice"))
                .putHeader("Accept", "application/dicom+json")
                .send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonArray();
  }

  private static String sha(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
