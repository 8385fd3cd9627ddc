package org.sinfonia.verticles.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.SftpClients;
import org.sinfonia.verticles.testing.TestNode;

/**
 * My account and the audit trail in a real headless Chromium (web/ui/e2e/account.e2e.mjs, run
 * twice): alice sees her groups, makes an API token that works from outside the browser and stops
 * working once revoked, adds an SSH key (a bad one first) and maps inbox/lab to a new folder. Then,
 * outside the browser, she logs in over SFTP with that key and drops files there, which must land
 * in the folder (the zip extracted). Last, the administrator filters the audit trail by user,
 * action and dates and downloads it as CSV.
 */
class PortalAccountTest {

  private TestNode node;
  private PortalWalk walk;

  @BeforeEach
  void start() {
    node = TestNode.start(Map.of());
    walk = new PortalWalk(node);
  }

  @AfterEach
  void stop() {
    walk.close();
    node.close();
  }

  @ParameterizedTest
  @EnumSource(WalkBrowser.class)
  void aliceSetsUpHerAccountAndTheAdministratorAuditsIt(WalkBrowser browser) throws Exception {
    Path data = PortalWalk.dataDir();
    Path key = data.resolve("id_ed25519");
    run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            key.toString(),
            "-C",
            "alice@laptop"));
    Files.writeString(
        data.resolve("id_ed25519.fp"), run(List.of("ssh-keygen", "-lf", key + ".pub")));
    Files.writeString(data.resolve("part.txt"), "account");
    walk.run(browser, "account.e2e.mjs", data, Duration.ofMinutes(2));

    Api api = Api.demo(node);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    String target = childFolder(api, home, "SFTP inbox target");
    assertEquals(
        new JsonObject()
            .put("inbox/lab", new JsonObject().put("folderId", target).put("extractZip", true)),
        api.expect(200, api.get("alice", "/users/me/sftp-mappings")),
        "the mapping the walk saved");

    Path notes =
        Files.writeString(data.resolve("lab-notes.txt"), "dropped over SFTP with alice's key\n");
    Path zip = data.resolve("lab-batch.zip");
    Files.write(zip, zipOf("scan-1.txt", "first scan\n"));
    SftpClients sftp = new SftpClients(node.sftpPort(), data);
    SftpClients.Run put =
        sftp.sftpKey(
            "alice",
            key,
            "mkdir inbox/lab",
            "put " + notes + " inbox/lab/lab-notes.txt",
            "put " + zip + " inbox/lab/lab-batch.zip");
    assertTrue(put.ok(), "SFTP with the key the portal registered: " + put.output());
    Set<String> names = Set.of();
    Instant deadline = Instant.now().plusSeconds(60);
    while (!names.containsAll(Set.of("lab-notes.txt", "lab-batch.zip", "scan-1.txt"))
        && Instant.now().isBefore(deadline)) {
      Await.result(node.vertx.timer(200));
      names =
          api.expectList(api.get("alice", "/items?folderId=" + target)).stream()
              .map(i -> ((JsonObject) i).getString("name"))
              .collect(Collectors.toSet());
    }
    assertEquals(
        Set.of("lab-notes.txt", "lab-batch.zip", "scan-1.txt"),
        names,
        "the drop landed in 'SFTP inbox target', the zip extracted there too");
    waitForAudit(api, "lab-notes.txt");

    Files.writeString(data.resolve("part.txt"), "audit");
    walk.run(browser, "account.e2e.mjs", data, Duration.ofMinutes(2));
  }

  /** The ingestion's audit entry is written shortly after the file is registered. */
  private void waitForAudit(Api api, String name) {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      JsonArray events = api.expectList(api.get("admin", "/audit?user=alice&action=ingest"));
      if (events.stream()
          .anyMatch(e -> String.valueOf(((JsonObject) e).getString("detail")).contains(name))) {
        return;
      }
      Await.result(node.vertx.timer(100));
    }
    throw new AssertionError("no ingest audit entry for " + name);
  }

  private static String childFolder(Api api, String parent, String name) {
    return api
        .expectList(api.get("alice", "/folders?parentType=folder&parentId=" + parent))
        .stream()
        .map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no folder " + name))
        .getString("id");
  }

  private static byte[] zipOf(String name, String content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }
}
