package org.sinfonia.verticles.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.SftpClients;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The SFTP door with real clients (OpenSSH sftp through sshpass or a key, lftp): drop-folder
 * ingestion with the same SHA-256, mappings, export to the outbox, every way out of the jail
 * refused, and a connection killed mid-upload leaving nothing ingested until the retry, which
 * ingests once.
 */
@ExtendWith(NoBlockedThreads.class)
class SftpTest {

  static TestNode node;
  static Api api;
  static SftpClients clients;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    api = Api.demo(node);
    clients = new SftpClients(node.sftpPort(), tmp);
    for (String user : List.of("alice", "bob", "carol")) {
      api.expect(200, api.get(user, "/users/me")); // first login: record and home folder
    }
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Path jail(String user) {
    return node.dataDir.resolve("sftp/users/" + user);
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  static Path file(String name, byte[] data) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, data);
    return p;
  }

  /**
   * Waits until every job of the user has ended; returns the ingestion jobs' results for {@code
   * path}.
   */
  static List<JsonObject> settledJobs(String user, String path) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      JsonArray jobs = api.expectList(api.get(user, "/jobs?limit=500"));
      boolean busy =
          jobs.stream()
              .map(JsonObject.class::cast)
              .anyMatch(
                  j ->
                      j.getString("state").equals("queued")
                          || j.getString("state").equals("running"));
      if (!busy) {
        return jobs.stream()
            .map(JsonObject.class::cast)
            .filter(j -> path.equals(j.getJsonObject("params").getString("path")))
            .toList();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("jobs of " + user + " still running: " + jobs.encode());
      }
      Await.result(node.vertx.timer(100));
    }
  }

  static String home(String user) {
    return api.expect(200, api.get(user, "/users/me")).getString("homeFolderId");
  }

  /** The id of the child folder {@code name}, or fails. */
  static String childFolder(String user, String parent, String name) {
    return api.expectList(api.get(user, "/folders?parentType=folder&parentId=" + parent)).stream()
        .map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no folder " + name))
        .getString("id");
  }

  static JsonArray items(String user, String folder) {
    return api.expectList(api.get(user, "/items?folderId=" + folder));
  }

  @Test
  void aPasswordUploadIsIngestedWithTheSameSha256AndLeavesTheInbox() throws Exception {
    byte[] data = random(3_000_000, 1);
    Path local = file("scan.bin", data);
    SftpClients.Run run =
        clients.sftpPassword(
            "alice",
            "alice-demo",
            "mkdir inbox/study",
            "mkdir inbox/study/ct",
            "put " + local + " inbox/study/ct/scan.bin",
            "ls -l inbox/study/ct");
    assertTrue(run.ok(), run.output());
    List<JsonObject> jobs = settledJobs("alice", "/inbox/study/ct/scan.bin");
    assertEquals(1, jobs.size(), jobs.toString());
    JsonObject result = jobs.get(0).getJsonObject("result");
    assertEquals(sha256(data), result.getString("sha256"), jobs.get(0).encode());
    String ct = childFolder("alice", childFolder("alice", home("alice"), "study"), "ct");
    JsonArray items = items("alice", ct);
    assertEquals(1, items.size());
    assertEquals("scan.bin", items.getJsonObject(0).getString("name"));
    JsonObject stored =
        api.expectList(
                api.get("alice", "/items/" + items.getJsonObject(0).getString("id") + "/files"))
            .getJsonObject(0);
    assertEquals(sha256(data), stored.getString("sha256"));
    assertFalse(Files.exists(jail("alice").resolve("inbox/study/ct/scan.bin")));
    assertArrayEquals(
        data, Files.readAllBytes(jail("alice").resolve("inbox/.done/study/ct/scan.bin")));

    // lftp, and the temporary-name-then-rename habit of WinSCP/FileZilla: ingested once, under the
    // final name.
    byte[] second = random(200_000, 2);
    Path local2 = file("second.dcm", second);
    SftpClients.Run lftp =
        clients.lftp(
            "alice",
            "alice-demo",
            "put " + local2 + " -o inbox/second.dcm.filepart",
            "mv inbox/second.dcm.filepart inbox/second.dcm");
    assertTrue(lftp.ok(), lftp.output());
    List<JsonObject> renamed = settledJobs("alice", "/inbox/second.dcm");
    assertEquals(1, renamed.size(), renamed.toString());
    assertEquals(sha256(second), renamed.get(0).getJsonObject("result").getString("sha256"));
    assertTrue(
        settledJobs("alice", "/inbox/second.dcm.filepart").isEmpty(),
        "temporary names are not ingested");
  }

  @Test
  void aKeyLoginExportsAFolderToTheOutbox() throws Exception {
    Path key = tmp.resolve("bob_key");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "bob@test", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, keygen.waitFor());
    assertFalse(clients.sftpKey("bob", key, "ls").ok(), "an unregistered key is refused");
    JsonObject added =
        api.expect(
            201,
            api.post(
                "bob",
                "/users/me/ssh-keys",
                new JsonObject().put("key", Files.readString(key.resolveSibling("bob_key.pub")))));
    assertTrue(added.getString("fingerprint").startsWith("SHA256:"));
    api.expect(
        409,
        api.post(
            "bob",
            "/users/me/ssh-keys",
            new JsonObject().put("key", Files.readString(key.resolveSibling("bob_key.pub")))));
    api.expect(
        400,
        api.post("bob", "/users/me/ssh-keys", new JsonObject().put("key", "ssh-rsa nonsense")));
    assertEquals(1, api.expectList(api.get("bob", "/users/me/ssh-keys")).size());
    assertFalse(clients.sftpKey("alice", key, "ls").ok(), "bob's key is not alice's");

    String folder =
        api.id(
            201,
            api.post(
                "bob",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home("bob"))
                    .put("name", "to export")));
    String sub =
        api.id(
            201,
            api.post(
                "bob",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", folder)
                    .put("name", "series 1")));
    byte[] a = random(100_000, 3);
    byte[] b = random(70_000, 4);
    api.upload("bob", folder, "a.bin", a);
    api.upload("bob", sub, "b.bin", b);
    api.expect(404, api.post("carol", "/folders/" + folder + "/export-sftp", new JsonObject()));
    String jobId =
        api.expect(202, api.post("bob", "/folders/" + folder + "/export-sftp", new JsonObject()))
            .getString("jobId");
    settledJobs("bob", "-");
    JsonObject job = api.expect(200, api.get("bob", "/jobs/" + jobId));
    assertEquals("done", job.getString("state"), job.encode());
    assertEquals(2, job.getJsonObject("result").getInteger("files"));
    assertEquals(2, job.getJsonObject("result").getInteger("linked"), "hard links, no copies");

    Path got = Files.createDirectories(tmp.resolve("got"));
    SftpClients.Run run =
        clients.sftpKey(
            "bob",
            key,
            "get \"outbox/to export/a.bin\" " + got.resolve("a.bin"),
            "get \"outbox/to export/series 1/b.bin\" " + got.resolve("b.bin"));
    assertTrue(run.ok(), run.output());
    assertArrayEquals(a, Files.readAllBytes(got.resolve("a.bin")));
    assertArrayEquals(b, Files.readAllBytes(got.resolve("b.bin")));
    // The outbox is read-only: writing into a hard-linked export would change the stored blob.
    assertFalse(
        clients
            .sftpKey("bob", key, "put " + file("x.bin", a) + " \"outbox/to export/a.bin\"")
            .ok());
    assertFalse(clients.sftpKey("bob", key, "chmod 777 \"outbox/to export/a.bin\"").ok());
    assertTrue(
        clients.sftpKey("bob", key, "rm \"outbox/to export/a.bin\"").ok(),
        "exports may be removed");

    String id = added.getString("id");
    api.expect(204, api.delete("bob", "/users/me/ssh-keys/" + id));
    assertFalse(clients.sftpKey("bob", key, "ls").ok(), "a removed key no longer logs in");
  }

  @Test
  void mappingsSendASubtreeElsewhereAndWriteIsCheckedAtIngestTime() throws Exception {
    String target =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home("alice"))
                    .put("name", "project X")));
    api.expect(
        404, api.put("carol", "/users/me/sftp-mappings", new JsonObject().put("inbox/x", target)));
    api.expect(
        400, api.put("alice", "/users/me/sftp-mappings", new JsonObject().put("outbox/x", target)));
    api.expect(
        400,
        api.put(
            "alice",
            "/users/me/sftp-mappings",
            new JsonObject()
                .put(
                    "inbox/x", new JsonObject().put("folderId", target).put("extractZip", "yes"))));
    JsonObject set =
        api.expect(
            200,
            api.put(
                "alice",
                "/users/me/sftp-mappings",
                new JsonObject()
                    .put(
                        "inbox/projectX",
                        new JsonObject().put("folderId", target).put("extractZip", true))));
    assertEquals(target, set.getJsonObject("inbox/projectX").getString("folderId"));
    assertEquals(set, api.expect(200, api.get("alice", "/users/me/sftp-mappings")));

    byte[] data = random(10_000, 5);
    assertTrue(
        clients
            .sftpPassword(
                "alice",
                "alice-demo",
                "mkdir inbox/projectX",
                "mkdir inbox/projectX/day1",
                "put " + file("m.bin", data) + " inbox/projectX/day1/m.bin")
            .ok());
    assertEquals(
        sha256(data),
        settledJobs("alice", "/inbox/projectX/day1/m.bin")
            .get(0)
            .getJsonObject("result")
            .getString("sha256"));
    assertEquals(
        "m.bin",
        items("alice", childFolder("alice", target, "day1")).getJsonObject(0).getString("name"));

    // carol maps to a folder alice lets her write, then alice takes WRITE away: the drop fails,
    // with a reason.
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + target + "/access",
            Api.acl(false, java.util.Map.of("alice", 2, "carol", 1), java.util.Map.of())));
    api.expect(
        200,
        api.put("carol", "/users/me/sftp-mappings", new JsonObject().put("inbox/shared", target)));
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + target + "/access",
            Api.acl(false, java.util.Map.of("alice", 2, "carol", 0), java.util.Map.of())));
    assertTrue(
        clients
            .sftpPassword(
                "carol",
                "carol-demo",
                "mkdir inbox/shared",
                "put " + file("c.bin", data) + " inbox/shared/c.bin")
            .ok());
    JsonObject failed = settledJobs("carol", "/inbox/shared/c.bin").get(0).getJsonObject("result");
    assertEquals("ACCESS_DENIED", failed.getString("failed"), failed.encode());
    assertTrue(Files.exists(jail("carol").resolve("inbox/.failed/shared/c.bin")));
    assertTrue(
        Files.readString(jail("carol").resolve("inbox/.failed/shared/c.bin.error.txt"))
            .contains("ACCESS_DENIED"));
  }

  @Test
  void aZipDroppedUnderAnExtractZipMappingIsExtractedThere() throws Exception {
    String target =
        api.id(
            201,
            api.post(
                "bob",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", home("bob"))
                    .put("name", "zip drops")));
    api.expect(
        200,
        api.put(
            "bob",
            "/users/me/sftp-mappings",
            new JsonObject()
                .put(
                    "inbox/zips",
                    new JsonObject().put("folderId", target).put("extractZip", true))));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    byte[] a = random(5_000, 21);
    byte[] b = random(7_000, 22);
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("scans/a.bin"));
      zip.write(a);
      zip.putNextEntry(new java.util.zip.ZipEntry("b.bin"));
      zip.write(b);
    }
    assertTrue(
        clients
            .sftpPassword(
                "bob",
                "bob-demo",
                "mkdir inbox/zips",
                "put " + file("batch.zip", bytes.toByteArray()) + " inbox/zips/batch.zip",
                "put " + file("plain.zip", bytes.toByteArray()) + " inbox/plain.zip")
            .ok());
    JsonObject ingested =
        settledJobs("bob", "/inbox/zips/batch.zip").get(0).getJsonObject("result");
    String extractJob = ingested.getString("extractJobId");
    JsonObject extraction = api.expect(200, api.get("bob", "/jobs/" + extractJob));
    assertEquals("done", extraction.getString("state"), extraction.encode());
    assertEquals("sftp", extraction.getJsonObject("params").getString("origin"));
    assertEquals(2, extraction.getJsonObject("result").getLong("stored"));
    assertEquals(
        java.util.Set.of("batch.zip", "b.bin"),
        items("bob", target).stream()
            .map(i -> ((JsonObject) i).getString("name"))
            .collect(java.util.stream.Collectors.toSet()));
    JsonObject scanned = items("bob", childFolder("bob", target, "scans")).getJsonObject(0);
    assertEquals("a.bin", scanned.getString("name"));
    assertEquals(
        sha256(a),
        api.expectList(api.get("bob", "/items/" + scanned.getString("id") + "/files"))
            .getJsonObject(0)
            .getString("sha256"));
    // Outside a mapping with extractZip, a zip is a file like any other.
    assertFalse(
        settledJobs("bob", "/inbox/plain.zip")
            .get(0)
            .getJsonObject("result")
            .containsKey("extractJobId"));
  }

  @Test
  void everyWayOutOfTheJailIsRefused() throws Exception {
    Path aliceJail = jail("alice");
    Files.createDirectories(aliceJail.resolve("inbox"));
    Files.createSymbolicLink(aliceJail.resolve("inbox/etc"), Path.of("/etc"));
    Files.createSymbolicLink(aliceJail.resolve("inbox/bobs"), jail("bob").toAbsolutePath());
    Files.createDirectories(jail("bob").resolve("inbox"));
    Files.writeString(jail("bob").resolve("inbox/private.txt"), "bob only");
    Path got = Files.createDirectories(tmp.resolve("escape"));
    String[][] attempts = {
      {"cd ..", "cd ..", "get etc/passwd " + got.resolve("1")},
      {"get /etc/passwd " + got.resolve("2")},
      {"get ../../etc/passwd " + got.resolve("3")},
      {"get ../../../../../../etc/passwd " + got.resolve("4")},
      {"get inbox/etc/passwd " + got.resolve("5")},
      {"cd inbox/etc"},
      {"get inbox/bobs/inbox/private.txt " + got.resolve("6")},
      {"get ../bob/inbox/private.txt " + got.resolve("7")},
      {"put " + file("out.txt", new byte[] {1}) + " inbox/etc/evil"},
      {"symlink /etc inbox/mylink"},
      {"symlink ../../.. inbox/up"},
      {"ln inbox/.done inbox/hard"},
      {"rename inbox/etc inbox/elsewhere"},
      {"put " + file("top.txt", new byte[] {1}) + " /top.txt"},
      {"rmdir inbox"},
    };
    for (String[] commands : attempts) {
      SftpClients.Run run = clients.sftpPassword("alice", "alice-demo", commands);
      assertFalse(run.ok(), String.join("; ", commands) + " succeeded: " + run.output());
      assertFalse(run.output().contains("root:x:0:0"), run.output());
    }
    // Listing the planted link shows the link (lstat), never what is behind it.
    SftpClients.Run listing =
        clients.sftpPassword("alice", "alice-demo", "ls inbox/etc/", "ls -l inbox/etc/passwd");
    assertFalse(
        listing.output().contains("passwd") && listing.output().contains("root"), listing.output());
    assertFalse(listing.output().contains("hostname"), listing.output());
    try (var files = Files.list(got)) {
      assertEquals(0, files.count(), "nothing came out of the jail");
    }
    assertFalse(Files.exists(Path.of("/etc/evil")));
    assertFalse(Files.exists(aliceJail.resolve("inbox/mylink"), LinkOption.NOFOLLOW_LINKS));
    // What stays inside works, and cd .. at the top stays at the top.
    SftpClients.Run inside =
        clients.sftpPassword("alice", "alice-demo", "cd ..", "cd ..", "pwd", "ls");
    assertTrue(inside.ok(), inside.output());
    assertTrue(inside.output().contains("Remote working directory: /\n"), inside.output());
    Files.delete(aliceJail.resolve("inbox/etc"));
    Files.delete(aliceJail.resolve("inbox/bobs"));
  }

  @Test
  void aConnectionKilledMidUploadIngestsNothingAndTheRetryIngestsOnce() throws Exception {
    byte[] data = random(16 << 20, 6);
    Path local = file("big.bin", data);
    Process slow =
        clients.startSlowPut("carol", "carol-demo", local, "inbox/big.bin", 16_000); // ~2 MB/s
    Path partial = jail("carol").resolve("inbox/big.bin");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!(Files.exists(partial) && Files.size(partial) > 1_000_000)
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    // sshpass runs sftp, which runs ssh: the connection dies only with the whole tree.
    slow.descendants().forEach(ProcessHandle::destroyForcibly);
    slow.destroyForcibly().waitFor();
    assertTrue(Files.size(partial) < data.length, "killed before the end");
    Thread.sleep(1000); // give a (wrong) ingestion every chance to start
    assertTrue(
        settledJobs("carol", "/inbox/big.bin").isEmpty(), "a half-written file is never ingested");
    assertTrue(Files.exists(partial), "the partial file stays for the client to retry");

    assertTrue(clients.sftpPassword("carol", "carol-demo", "put " + local + " inbox/big.bin").ok());
    // The server may notice the killed connection only after the retry finished: the retried file
    // is then
    // ingested when the dead handle goes, so wait for its job to exist as well as to settle.
    Instant jobDeadline = Instant.now().plus(Duration.ofSeconds(60));
    List<JsonObject> jobs = settledJobs("carol", "/inbox/big.bin");
    while (jobs.isEmpty() && Instant.now().isBefore(jobDeadline)) {
      Await.result(node.vertx.timer(100));
      jobs = settledJobs("carol", "/inbox/big.bin");
    }
    assertEquals(1, jobs.size());
    assertEquals(
        sha256(data),
        jobs.get(0).getJsonObject("result").getString("sha256"),
        jobs.get(0).encode());
    JsonArray items = items("carol", home("carol"));
    assertEquals(
        1,
        items.stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("name").startsWith("big"))
            .count(),
        items.encode());
  }
}
