package org.sinfonia.verticles.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sinfonia.verticles.extract.ExtractSupport.awaitJob;
import static org.sinfonia.verticles.extract.ExtractSupport.extract;
import static org.sinfonia.verticles.extract.ExtractSupport.folder;
import static org.sinfonia.verticles.extract.ExtractSupport.local;
import static org.sinfonia.verticles.extract.ExtractSupport.run;
import static org.sinfonia.verticles.extract.ExtractSupport.sha256;
import static org.sinfonia.verticles.extract.ExtractSupport.walk;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
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
import org.sinfonia.verticles.testing.TestNode;

/**
 * The zip extraction job end to end, on one node with small limits (64 MiB per archive, 50,000
 * entries): a 1,000-file round trip through Debian's zip and the folder download,
 * upload-and-extract, every archive flavour, CP437 and UTF-8 names, the conflict policies, hostile
 * archives, access, cancellation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class ExtractJobTest {

  private static final Duration JOB_TIME = Duration.ofMinutes(4);

  @TempDir static Path dir;

  private TestNode node;
  private Api api;
  private String home;

  @BeforeAll
  void start() throws IOException {
    Path profile = dir.resolve("extract-test.yaml");
    Files.writeString(
        profile,
        String.join(
            "\n",
            "zip:",
            "  maxTotalBytes: 64MiB",
            "  maxEntries: 50000",
            "workers:",
            "  jobRequeueEvery: 1s",
            "repository:",
            "  blobGracePeriod: 0s",
            ""));
    node = TestNode.start(Map.of("SINFONIA_PROFILE", profile.toString()));
    api = Api.demo(node);
    home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /**
   * Streams a local file to {@code POST /folders/{id}/files?name=...} (never held in memory);
   * returns the answer.
   */
  private JsonObject upload(
      String user, String folderId, String name, Path file, String query, int status)
      throws Exception {
    String url =
        node.url(
            "/api/v1/folders/"
                + folderId
                + "/files?name="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (query == null ? "" : "&" + query));
    java.net.http.HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + api.token(user))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .build(),
                BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private JsonObject uploadBytes(String folderId, String name, byte[] zip) throws Exception {
    Path file = Files.write(Files.createTempFile(dir, "upload", ".zip"), zip);
    return upload("alice", folderId, name, file, null, 201);
  }

  private static List<String> errorCodes(JsonObject job) {
    return job.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("error"))
        .sorted()
        .toList();
  }

  // ---- round trip
  // -----------------------------------------------------------------------------------------------

  /** 1,000 files (25 of them DICOM) in nested folders, with an empty folder and non-ASCII names. */
  private Path thousandFiles(Path root) throws Exception {
    Random random = new Random(1000);
    Files.createDirectories(root.resolve("empty folder"));
    Path dicom = Files.createDirectories(root.resolve("patient 007/CT série 1"));
    for (int i = 0; i < 25; i++) {
      Path made =
          DicomFiles.ct(
              dir,
              "1.2.826.0.1.3680043.8.498.7",
              "1.2.826.0.1.3680043.8.498.7.1",
              "1.2.826.0.1.3680043.8.498.7.1." + (i + 1),
              "Doe^Jane",
              "P007",
              "CT");
      Files.move(made, dicom.resolve(String.format("IM%04d.dcm", i + 1)));
    }
    int files = 25;
    for (int p = 0; files < 1000; p++) {
      Path patient =
          Files.createDirectories(
              root.resolve(String.format("patient %03d/séance %d/Ærø 日本", p, p % 3)));
      for (int f = 0; f < 40 && files < 1000; f++, files++) {
        int size =
            f == 0 ? 0 : f % 13 == 0 ? 200_000 + random.nextInt(100_000) : random.nextInt(24_000);
        byte[] data = new byte[size];
        if (f % 2 == 0) {
          random.nextBytes(data);
        } else {
          for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(6));
          }
        }
        Files.write(
            (f % 5 == 0 ? patient.getParent() : patient)
                .resolve("file " + f + (f % 2 == 0 ? ".bin" : ".txt")),
            data);
      }
    }
    return root;
  }

  @Test
  void aThousandFilesRoundTripThroughTheFolderDownload() throws Exception {
    Path tree = thousandFiles(Files.createDirectories(dir.resolve("original")));
    TreeMap<String, String> original = local(tree);
    assertEquals(1000, original.values().stream().filter(v -> !v.isEmpty()).count());
    Path zip = dir.resolve("tree.zip");
    run(tree, List.of("zip", "-q", "-r", zip.toString(), "."));
    String box = folder(api, "alice", home, "round trip");
    String zipId = upload("alice", box, "tree.zip", zip, null, 201).getString("id");
    String target = folder(api, "alice", box, "restored");

    Instant started = Instant.now();
    JsonObject job =
        awaitJob(node, api, "alice", extract(api, "alice", zipId, target, "skip"), JOB_TIME);
    Duration took = Duration.between(started, Instant.now());
    assertEquals("done", job.getString("state"), job.encodePrettily());
    JsonObject result = job.getJsonObject("result");
    assertEquals(1000, result.getLong("stored"), result.encode());
    assertEquals(
        original.keySet().stream().filter(k -> k.endsWith("/")).count(), result.getLong("folders"));
    assertEquals(0, result.getLong("problems"));
    assertTrue(job.getJsonArray("errors").isEmpty(), job.getJsonArray("errors").encode());
    JsonObject progress = job.getJsonObject("progress");
    assertEquals(progress.getLong("entriesTotal"), progress.getLong("entriesDone"));
    assertEquals(progress.getLong("bytesTotal"), progress.getLong("bytesDone"));
    System.out.printf("1,000-file round trip: extraction job took %d ms%n", took.toMillis());

    HttpResponse<Buffer> download = api.get("alice", "/folders/" + target + "/download");
    assertEquals(200, download.statusCode());
    Path back = dir.resolve("downloaded.zip");
    Files.write(back, download.body().getBytes());
    Path out = Files.createDirectories(dir.resolve("unzipped"));
    run(out, List.of("unzip", "-q", back.toString()));
    assertEquals(original, local(out.resolve("restored")), "entry by entry, byte by byte");

    // The DICOM files went through the same pipeline as any upload: indexed.
    String ct = walkIds("restored/patient 007/CT série 1", target).get("IM0001.dcm");
    JsonObject file = api.expect(200, api.get("alice", "/files/" + ct));
    assertEquals("application/dicom", file.getString("mimeType"));
    assertEquals(true, file.getJsonObject("dicom").getBoolean("indexed"), file.encode());
  }

  /**
   * File ids by name in the folder at a path below {@code root} (first segment = the root's own
   * name).
   */
  private Map<String, String> walkIds(String path, String root) {
    String at = root;
    String[] parts = path.split("/");
    for (int i = 1; i < parts.length; i++) {
      String name = parts[i];
      at =
          api
              .expectList(
                  api.get("alice", "/folders?parentType=folder&parentId=" + at + "&limit=1000"))
              .stream()
              .map(o -> (JsonObject) o)
              .filter(f -> f.getString("name").equals(name))
              .findFirst()
              .orElseThrow()
              .getString("id");
    }
    Map<String, String> out = new TreeMap<>();
    for (Object o : api.expectList(api.get("alice", "/items?folderId=" + at + "&limit=1000"))) {
      JsonObject item = (JsonObject) o;
      JsonObject f =
          api.expectList(api.get("alice", "/items/" + item.getString("id") + "/files"))
              .getJsonObject(0);
      out.put(item.getString("name"), f.getString("id"));
    }
    return out;
  }

  // ---- flavours, names, upload-and-extract
  // ----------------------------------------------------------------------

  @Test
  void uploadAndExtractReadsZip64DataDescriptorsStoredAndDeflatedEntries() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("flavours"));
    Random random = new Random(64);
    for (int i = 0; i < 12; i++) {
      byte[] data = new byte[i * 7_000];
      random.nextBytes(data);
      Files.write(
          Files.createDirectories(tree.resolve("d" + (i % 3)))
              .resolve("f" + i + (i % 2 == 0 ? ".bin" : ".txt")),
          i % 2 == 0 ? data : "text ".repeat(i * 100).getBytes(StandardCharsets.UTF_8));
    }
    // Written to a pipe: every entry has a data descriptor; -fz forces ZIP64 records; .bin entries
    // are stored.
    Path zip = dir.resolve("flavours.zip");
    Process p =
        new ProcessBuilder("zip", "-q", "-r", "-fz", "-n", ".bin", "-", ".")
            .directory(tree.toFile())
            .redirectOutput(zip.toFile())
            .start();
    assertEquals(0, p.waitFor());
    String unzipList = run(dir, List.of("unzip", "-v", zip.toString()));
    assertTrue(unzipList.contains("Stored") && unzipList.contains("Defl:"), unzipList);

    String target = folder(api, "alice", folder(api, "alice", home, "flavours box"), "flavours");
    JsonObject answer =
        upload("alice", target, "flavours.zip", zip, "extract=true&onConflict=rename", 202);
    assertEquals("flavours.zip", answer.getString("name"));
    JsonObject job = awaitJob(node, api, "alice", answer.getString("jobId"), JOB_TIME);
    assertEquals("done", job.getString("state"), job.encodePrettily());
    assertEquals("upload", job.getJsonObject("params").getString("origin"));
    TreeMap<String, String> expected = local(tree);
    expected.put("flavours.zip", sha256(zip)); // the zip stays beside what it held
    assertEquals(expected, walk(api, "alice", target));

    // An upload into an item cannot be extracted; a bad policy is refused before the body is read.
    api.expect(
        400,
        api.call(
            "alice",
            io.vertx.core.http.HttpMethod.POST,
            "/folders/" + target + "/files?name=x.zip&extract=true&onConflict=merge",
            Buffer.buffer("PK")));
    String item = walkItem(target, "flavours.zip");
    api.expect(
        400,
        api.call(
            "alice",
            io.vertx.core.http.HttpMethod.POST,
            "/items/" + item + "/files?name=y.zip&extract=true",
            Buffer.buffer("PK")));
  }

  private String walkItem(String folderId, String name) {
    return api.expectList(api.get("alice", "/items?folderId=" + folderId + "&limit=1000")).stream()
        .map(o -> (JsonObject) o)
        .filter(i -> i.getString("name").equals(name))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  void cp437AndUtf8NamesAreDecoded() throws Exception {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] cp437 = {'M', (byte) 0x81, 'l', 'l', 'e', 'r', '.', 't', 'x', 't'}; // ü is 0x81 in CP437
    byte[] zip =
        RawZip.of(
            List.of(
                RawZip.Entry.stored("x", content).withName(cp437, 0),
                RawZip.Entry.stored("日本語.txt", content), // UTF-8 flag set
                RawZip.Entry.stored("x", content)
                    .withName("Ærø.txt".getBytes(StandardCharsets.UTF_8), 0))); // Info-ZIP
    String box = folder(api, "alice", home, "names box");
    String zipId = uploadBytes(box, "names.zip", zip).getString("id");
    String target = folder(api, "alice", box, "names");
    JsonObject job =
        awaitJob(node, api, "alice", extract(api, "alice", zipId, target, null), JOB_TIME);
    assertEquals("done", job.getString("state"), job.encodePrettily());
    assertEquals(
        "rename", job.getJsonObject("params").getString("onConflict"), "the default policy");
    assertEquals(
        List.of("Müller.txt", "Ærø.txt", "日本語.txt"),
        new ArrayList<>(walk(api, "alice", target).keySet()));
  }

  // ---- conflicts
  // ------------------------------------------------------------------------------------------------

  @Test
  void conflictPoliciesSkipRenameAndOverwrite() throws Exception {
    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    byte[] two = "two".getBytes(StandardCharsets.UTF_8);
    byte[] changed = "ONE, changed".getBytes(StandardCharsets.UTF_8);
    String box = folder(api, "alice", home, "conflicts box");
    String first =
        uploadBytes(
                box,
                "v1.zip",
                RawZip.of(
                    List.of(
                        RawZip.Entry.deflated("a.txt", one),
                        RawZip.Entry.stored("sub/b.txt", two))))
            .getString("id");
    String second =
        uploadBytes(
                box,
                "v2.zip",
                RawZip.of(
                    List.of(
                        RawZip.Entry.deflated("A.TXT", changed),
                        RawZip.Entry.stored("sub/b.txt", two))))
            .getString("id");
    String target = folder(api, "alice", box, "conflicts");

    JsonObject r =
        awaitJob(node, api, "alice", extract(api, "alice", first, target, "rename"), JOB_TIME)
            .getJsonObject("result");
    assertEquals(2, r.getLong("stored"));
    String itemA = walkItem(target, "a.txt");

    // The same archive again: identical content is recognised whatever the policy.
    for (String policy : List.of("skip", "rename", "overwrite")) {
      r =
          awaitJob(node, api, "alice", extract(api, "alice", first, target, policy), JOB_TIME)
              .getJsonObject("result");
      assertEquals(2, r.getLong("unchanged"), policy + ": " + r.encode());
      assertEquals(
          0,
          r.getLong("stored")
              + r.getLong("renamed")
              + r.getLong("overwritten")
              + r.getLong("kept"));
    }

    JsonObject skipped =
        awaitJob(node, api, "alice", extract(api, "alice", second, target, "skip"), JOB_TIME);
    assertEquals(1, skipped.getJsonObject("result").getLong("kept"));
    assertEquals(List.of("NAME_EXISTS"), errorCodes(skipped));
    assertEquals(sha256(one), walk(api, "alice", target).get("a.txt"));

    JsonObject renamed =
        awaitJob(node, api, "alice", extract(api, "alice", second, target, "rename"), JOB_TIME);
    assertEquals(1, renamed.getJsonObject("result").getLong("renamed"), renamed.encode());
    assertEquals(sha256(changed), walk(api, "alice", target).get("A (2).TXT"));

    // Overwrite: the item stays (same id and name), its file is replaced; the old blob goes with
    // its last reference.
    Path oldBlob =
        node.dataDir
            .resolve("store/blobs")
            .resolve(sha256(one).substring(0, 2))
            .resolve(sha256(one).substring(2, 4))
            .resolve(sha256(one));
    boolean files = TestNode.blobsAreFiles();
    assertTrue(!files || Files.exists(oldBlob));
    JsonObject overwritten =
        awaitJob(node, api, "alice", extract(api, "alice", second, target, "overwrite"), JOB_TIME);
    assertEquals(
        1, overwritten.getJsonObject("result").getLong("overwritten"), overwritten.encode());
    TreeMap<String, String> now = walk(api, "alice", target);
    assertEquals(sha256(changed), now.get("a.txt"), now.toString());
    assertEquals(itemA, walkItem(target, "a.txt"));
    JsonObject item = api.expect(200, api.get("alice", "/items/" + itemA));
    assertEquals(changed.length, item.getLong("size"));
    assertEquals(1, item.getLong("fileCount"));
    // No grace period here: the sweeper removes it within a second or two.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (files && Files.exists(oldBlob) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(files && Files.exists(oldBlob), "the replaced file's blob had no other reference");
    assertEquals(List.of("A (2).TXT", "a.txt", "sub/", "sub/b.txt"), new ArrayList<>(now.keySet()));
  }

  // ---- hostile archives
  // -----------------------------------------------------------------------------------------

  @Test
  void hostileNamesLinksEncryptionAndUnknownMethodsStayInsideTheTarget() throws Exception {
    byte[] x = "x".getBytes(StandardCharsets.UTF_8);
    List<String> slips =
        List.of(
            "../evil.txt",
            "/abs.txt",
            "C:/drive.txt",
            "C:drive-relative.txt",
            "..\\win-evil.txt",
            "safe/../../up.txt",
            "safe\\..\\..\\up2.txt",
            "\\\\server\\share\\unc.txt",
            "ok/../../../etc/passwd");
    List<RawZip.Entry> entries = new ArrayList<>();
    slips.forEach(n -> entries.add(RawZip.Entry.stored(n, x)));
    entries.add(RawZip.Entry.stored("a/./b.txt", x));
    entries.add(RawZip.Entry.stored("nul\u0000.txt", x));
    entries.add(RawZip.Entry.stored("d/".repeat(40) + "deep.txt", x));
    entries.add(RawZip.Entry.stored("n".repeat(300) + ".txt", x));
    entries.add(RawZip.Entry.symlink("ok/passwd-link", "/etc/passwd"));
    entries.add(RawZip.Entry.stored("ok/lzma.bin", x).withMethod(14));
    RawZip.Entry locked = RawZip.Entry.stored("ok/locked.txt", x);
    entries.add(locked.withName(locked.name(), RawZip.UTF8_FLAG | 1));
    entries.add(RawZip.Entry.stored("ok/inside.txt", x));
    entries.add(RawZip.Entry.stored("ok\\back\\slash.txt", x));
    entries.add(
        RawZip.Entry.stored(
            "ok/nested.zip", RawZip.of(List.of(RawZip.Entry.stored("../inner.txt", x)))));
    box = folder(api, "alice", home, "hostile box");
    Snapshot before = snapshot();
    String zipId = uploadBytes(box, "hostile.zip", RawZip.of(entries)).getString("id");
    String target = folder(api, "alice", box, "hostile");

    JsonObject job =
        awaitJob(node, api, "alice", extract(api, "alice", zipId, target, "rename"), JOB_TIME);
    assertEquals("done", job.getString("state"), job.encodePrettily());
    Map<String, Long> codes =
        errorCodes(job).stream()
            .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
    assertEquals(
        Map.of(
            "UNSAFE_PATH",
            (long) slips.size(),
            "INVALID_NAME",
            2L,
            "TOO_DEEP",
            1L,
            "NAME_TOO_LONG",
            1L,
            "SYMLINK",
            1L,
            "UNSUPPORTED_METHOD",
            1L,
            "ENCRYPTED",
            1L),
        codes,
        job.getJsonArray("errors").encodePrettily());
    JsonObject result = job.getJsonObject("result");
    assertEquals(1, result.getLong("nestedArchives"), "a zip inside is stored, not expanded");
    assertEquals(
        List.of("ok/", "ok/back/", "ok/back/slash.txt", "ok/inside.txt", "ok/nested.zip"),
        new ArrayList<>(walk(api, "alice", target).keySet()));
    assertNothingElseChanged(before, "hostile.zip", "hostile/");

    // Encryption as Info-ZIP writes it (zip -P), beside a plain file.
    Path enc = Files.createDirectories(dir.resolve("enc"));
    Files.writeString(enc.resolve("secret.txt"), "the secret");
    Files.writeString(enc.resolve("plain.txt"), "not secret");
    run(enc, List.of("zip", "-q", "-P", "pass", "enc.zip", "secret.txt"));
    run(enc, List.of("zip", "-q", "enc.zip", "plain.txt"));
    String encId =
        upload("alice", box, "enc.zip", enc.resolve("enc.zip"), null, 201).getString("id");
    String encTarget = folder(api, "alice", box, "enc");
    JsonObject encJob =
        awaitJob(node, api, "alice", extract(api, "alice", encId, encTarget, "rename"), JOB_TIME);
    assertEquals(List.of("ENCRYPTED"), errorCodes(encJob));
    assertEquals("secret.txt", encJob.getJsonArray("errors").getJsonObject(0).getString("entry"));
    assertEquals(List.of("plain.txt"), new ArrayList<>(walk(api, "alice", encTarget).keySet()));
    ExtractSupport.onlyContentAddressedBlobs(node.dataDir);
  }

  /**
   * The test's own folder (everything it writes goes below it) and alice's home and collections as
   * they were.
   */
  private String box;

  private record Snapshot(TreeMap<String, String> box, String home, String collections) {}

  private Snapshot snapshot() {
    return new Snapshot(
        walk(api, "alice", box),
        names("/folders?parentType=folder&parentId=" + home + "&limit=1000")
            + names("/items?folderId=" + home + "&limit=1000"),
        names("/collections?limit=1000"));
  }

  private String names(String path) {
    return api.expectList(api.get("admin", path)).stream()
        .map(o -> ((JsonObject) o).getString("name"))
        .sorted()
        .toList()
        .toString();
  }

  /**
   * Nothing changed but the given new entries of the test's folder (and what lies below new folders
   * among them).
   */
  private void assertNothingElseChanged(Snapshot before, String... added) {
    Snapshot now = snapshot();
    TreeMap<String, String> after = now.box();
    for (String a : added) {
      after.keySet().removeIf(k -> k.equals(a) || (a.endsWith("/") && k.startsWith(a)));
    }
    assertEquals(before.box(), after, "the test's folder");
    assertEquals(before.home(), now.home(), "alice's home");
    assertEquals(before.collections(), now.collections(), "the collections");
  }

  /** Deflates with a ratio near 50: zero runs of random length between random bytes. */
  private static byte[] runsOfZeros(int size, long seed) {
    Random random = new Random(seed);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i += 1 + random.nextInt(150)) {
      b[i] = (byte) (1 + random.nextInt(255));
    }
    return b;
  }

  @Test
  void bombsAndBrokenArchivesAreRefusedOrContained() throws Exception {
    box = folder(api, "alice", home, "bombs box");
    Snapshot before = snapshot();
    List<String> added = new ArrayList<>();

    // 42.zip-style: zips of 16 zips of 16 zips of 1 MiB of zeros (4 GiB if expanded); nested zips
    // stay files.
    byte[] level = RawZip.of(List.of(RawZip.Entry.deflated("0.bin", new byte[1 << 20])));
    for (int depth = 0; depth < 3; depth++) {
      List<RawZip.Entry> copies = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        copies.add(RawZip.Entry.deflated("lib" + depth + "_" + i + ".zip", level));
      }
      level = RawZip.of(copies);
    }
    JsonObject nested = refusedOrContained("42.zip", level, added);
    assertEquals("done", nested.getString("state"), nested.encodePrettily());
    assertEquals(16, nested.getJsonObject("result").getLong("nestedArchives"));
    assertEquals(16, walk(api, "alice", lastTarget).size(), "16 files, nothing expanded");

    // One entry of 32 MiB of zeros (ratio ~1000): skipped; the small file beside it is extracted.
    JsonObject ratio =
        refusedOrContained(
            "ratio.zip",
            RawZip.of(
                List.of(
                    RawZip.Entry.deflated("zeros.bin", new byte[32 << 20]),
                    RawZip.Entry.stored("small.txt", new byte[10]))),
            added);
    assertEquals(List.of("RATIO_EXCEEDED"), errorCodes(ratio));
    assertEquals(List.of("small.txt"), new ArrayList<>(walk(api, "alice", lastTarget).keySet()));

    // Many central-directory records over one entry (an overlapping-entry bomb): refused before
    // anything is written.
    byte[] kernel = runsOfZeros(8 << 20, 1);
    JsonObject overlap =
        refusedOrContained(
            "overlap.zip", RawZip.overlapping(RawZip.Entry.deflated("k", kernel), 500), added);
    assertRefused(overlap, "ZIP_OVERLAPPING_ENTRIES");

    // More than maxTotalBytes (64 MiB here) in honest entries of a modest ratio: refused up front.
    RawZip.Entry big = RawZip.Entry.deflated("big.bin", runsOfZeros(16 << 20, 2));
    assertTrue(big.size() / big.data().length < 100, "each entry passes the ratio guard");
    List<RawZip.Entry> bigs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      bigs.add(
          big.withName(("big" + i + ".bin").getBytes(StandardCharsets.UTF_8), RawZip.UTF8_FLAG));
    }
    assertRefused(refusedOrContained("total.zip", RawZip.of(bigs), added), "ZIP_TOO_LARGE");

    // 100,000 empty entries (ZIP64 end records) against a limit of 50,000.
    Path many = dir.resolve("many.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(many.toFile())) {
      out.setUseZip64(Zip64Mode.AsNeeded);
      for (int i = 0; i < 100_000; i++) {
        ZipArchiveEntry e = new ZipArchiveEntry(String.format("e/%06d.txt", i));
        e.setMethod(ZipArchiveEntry.STORED);
        e.setSize(0);
        e.setCrc(0);
        out.putArchiveEntry(e);
        out.closeArchiveEntry();
      }
    }
    assertRefused(
        refusedOrContained("many.zip", Files.readAllBytes(many), added), "ZIP_TOO_MANY_ENTRIES");

    // Truncated: no end record, so nothing to go by.
    byte[] whole =
        RawZip.of(
            List.of(
                RawZip.Entry.stored("a.txt", new byte[5000]),
                RawZip.Entry.stored("b.txt", new byte[5000])));
    assertRefused(
        refusedOrContained(
            "truncated.zip", java.util.Arrays.copyOf(whole, whole.length * 2 / 3), added),
        "ZIP_CORRUPT");

    assertNothingElseChanged(before, added.toArray(String[]::new));
    ExtractSupport.onlyContentAddressedBlobs(node.dataDir);
  }

  private String lastTarget;

  private JsonObject refusedOrContained(String name, byte[] zip, List<String> added)
      throws Exception {
    String zipId = uploadBytes(box, name, zip).getString("id");
    String folderName = name.replace(".zip", "") + " out";
    lastTarget = folder(api, "alice", box, folderName);
    added.add(name);
    added.add(folderName + "/");
    return awaitJob(
        node, api, "alice", extract(api, "alice", zipId, lastTarget, "rename"), JOB_TIME);
  }

  private void assertRefused(JsonObject job, String code) {
    assertEquals("failed", job.getString("state"), job.encodePrettily());
    assertTrue(job.getString("failure").startsWith(code + ": "), job.getString("failure"));
    assertEquals(1, job.getInteger("attempts"), "a refusal is not retried");
    assertEquals(List.of(code), errorCodes(job));
    assertTrue(walk(api, "alice", lastTarget).isEmpty(), "nothing was written");
  }

  // ---- access
  // ---------------------------------------------------------------------------------------------------

  @Test
  void readOnTheZipAndWriteOnTheTargetWhenAskedAndWhenTheJobRuns() throws Exception {
    byte[] zip =
        RawZip.of(List.of(RawZip.Entry.stored("a.txt", "a".getBytes(StandardCharsets.UTF_8))));
    String shared = folder(api, "alice", home, "shared with bob");
    api.expect(
        200,
        api.put(
            "alice",
            "/folders/" + shared + "/access",
            Api.acl(false, Map.of("alice", 2, "bob", 0), Map.of())));
    String zipId = uploadBytes(shared, "a.zip", zip).getString("id");
    String privateZip =
        uploadBytes(folder(api, "alice", home, "private box"), "private.zip", zip).getString("id");
    String bobHome = api.expect(200, api.get("bob", "/users/me")).getString("homeFolderId");
    JsonObject body = new JsonObject().put("folderId", bobHome);

    api.expect(401, api.post("anonymous", "/files/" + zipId + "/extract", body));
    api.expect(404, api.post("bob", "/files/" + privateZip + "/extract", body)); // cannot read it
    api.expect(
        403,
        api.post("bob", "/files/" + zipId + "/extract", new JsonObject().put("folderId", shared)));
    api.expect(
        404,
        api.post("bob", "/files/" + zipId + "/extract", new JsonObject().put("folderId", "nope")));
    api.expect(400, api.post("bob", "/files/" + zipId + "/extract", new JsonObject()));
    api.expect(
        400,
        api.post("bob", "/files/" + zipId + "/extract", body.copy().put("onConflict", "merge")));
    String ok = extract(api, "bob", zipId, bobHome, "skip");
    assertEquals("done", awaitJob(node, api, "bob", ok, JOB_TIME).getString("state"));
    api.expect(404, api.get("alice", "/jobs/" + ok)); // jobs are private

    // WRITE again when the job runs: a queued job whose owner can no longer write into the target
    // fails, writing
    // nothing (here the job document is written directly, as a job queued before the access change
    // would be).
    String revoked =
        insertJob(
                "bob",
                new JsonObject()
                    .put("fileId", zipId)
                    .put("folderId", shared)
                    .put("onConflict", "skip")
                    .put("origin", "api"),
                null)
            .getString("_id");
    JsonObject refused = awaitJob(node, api, "bob", revoked, JOB_TIME);
    assertEquals("failed", refused.getString("state"), refused.encodePrettily());
    assertTrue(
        refused.getString("failure").startsWith("ACCESS_DENIED"), refused.getString("failure"));
    assertEquals(
        List.of("a.zip"), new ArrayList<>(walk(api, "alice", shared).keySet()), "nothing written");

    // Not a zip at all: the job says so.
    String text =
        uploadBytes(shared, "notes.txt", "just text".getBytes(StandardCharsets.UTF_8))
            .getString("id");
    JsonObject notZip =
        awaitJob(node, api, "alice", extract(api, "alice", text, shared, null), JOB_TIME);
    assertEquals("failed", notZip.getString("state"));
    assertTrue(notZip.getString("failure").startsWith("ZIP_CORRUPT"), notZip.getString("failure"));
  }

  // ---- resume
  // ---------------------------------------------------------------------------------------------------

  /**
   * A job resumed from a checkpoint that lags behind what was registered (the node died between
   * registering entries and checkpointing them): the entries past the checkpoint are found by name
   * and SHA-256 and not registered again.
   */
  @Test
  void aResumedJobDoesNotRegisterAgainWhatLandedAfterItsCheckpoint() throws Exception {
    List<RawZip.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add(
          RawZip.Entry.deflated(
              "dir/f" + i + ".txt", ("content " + i).repeat(50).getBytes(StandardCharsets.UTF_8)));
    }
    String box = folder(api, "alice", home, "resume box");
    String zipId = uploadBytes(box, "resume.zip", RawZip.of(entries)).getString("id");
    String target = folder(api, "alice", box, "resumed");
    // A first run registers everything (as the dead attempt did, up to where it died)...
    assertEquals(
        "done",
        awaitJob(node, api, "alice", extract(api, "alice", zipId, target, "rename"), JOB_TIME)
            .getString("state"));
    TreeMap<String, String> landed = walk(api, "alice", target);
    // ...but its checkpoint says two entries (the directory entry is implied: six file entries,
    // numbered 0-5).
    long bytes = entries.get(0).size() + entries.get(1).size();
    JsonObject checkpoint =
        new JsonObject()
            .put("entries", 2L)
            .put("bytes", bytes)
            .put("counts", new JsonObject().put("stored", 2L).put("folders", 1L));
    JsonObject job =
        insertJob(
            "alice",
            new JsonObject()
                .put("fileId", zipId)
                .put("folderId", target)
                .put("onConflict", "rename")
                .put("origin", "api"),
            checkpoint);
    JsonObject resumed = awaitJob(node, api, "alice", job.getString("_id"), JOB_TIME);
    assertEquals("done", resumed.getString("state"), resumed.encodePrettily());
    JsonObject result = resumed.getJsonObject("result");
    assertEquals(2, result.getLong("stored"), result.encode());
    assertEquals(4, result.getLong("unchanged"), result.encode());
    assertEquals(0, result.getLong("renamed"), result.encode());
    assertEquals(6, result.getLong("entriesDone"));
    assertEquals(landed, walk(api, "alice", target), "nothing registered twice");
  }

  /**
   * Writes a queued job document directly, as one queued before a restart (or an access change)
   * would be.
   */
  private JsonObject insertJob(String owner, JsonObject params, JsonObject checkpoint) {
    MongoClient mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
    try {
      JsonObject now = new JsonObject().put("$date", Instant.now().toString());
      JsonObject doc =
          new JsonObject()
              .put("_id", "inserted-" + java.util.UUID.randomUUID())
              .put("kind", "zip.extract")
              .put("owner", owner)
              .put("params", params)
              .put("state", "queued")
              .put("attempts", 0)
              .put("progress", new JsonObject())
              .put("errors", new JsonArray())
              .put("created", now)
              .put("updated", now);
      if (checkpoint != null) {
        doc.put("checkpoint", checkpoint);
      }
      Await.result(mongo.insert("jobs", doc));
      return doc;
    } finally {
      Await.result(mongo.close());
    }
  }

  // ---- cancellation
  // ---------------------------------------------------------------------------------------------

  @Test
  void cancellingKeepsWhatWasExtractedWholeEntriesOnly() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("to cancel"));
    Random random = new Random(99);
    byte[] data = new byte[1 << 20];
    Map<String, String> shas = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      random.nextBytes(data);
      Files.write(tree.resolve(String.format("slice%03d.bin", i)), data);
      shas.put(String.format("slice%03d.bin", i), sha256(data));
    }
    Path zip = dir.resolve("cancel.zip");
    run(tree, List.of("zip", "-q", "-0", "-r", zip.toString(), "."));
    String box = folder(api, "alice", home, "cancel box");
    String zipId = upload("alice", box, "cancel.zip", zip, null, 201).getString("id");
    String target = folder(api, "alice", box, "cancelled");
    String jobId = extract(api, "alice", zipId, target, "rename");
    Instant deadline = Instant.now().plusSeconds(120);
    while (api.expect(200, api.get("alice", "/jobs/" + jobId))
            .getJsonObject("progress")
            .getLong("entriesDone", 0L)
        < 3) {
      assertTrue(Instant.now().isBefore(deadline), "the job did not start");
      Await.result(node.vertx.timer(20));
    }
    JsonObject asked = api.expect(202, api.delete("alice", "/jobs/" + jobId));
    assertTrue(asked.getBoolean("cancelRequested"));
    JsonObject job = awaitJob(node, api, "alice", jobId, JOB_TIME);
    assertEquals("cancelled", job.getString("state"), job.encodePrettily());
    TreeMap<String, String> kept = walk(api, "alice", target);
    long stored = job.getJsonObject("progress").getLong("stored");
    assertTrue(stored >= 3 && stored < 60, "stored " + stored);
    assertEquals(stored, kept.size(), "the progress counts what is there");
    kept.forEach((name, sha) -> assertEquals(shas.get(name), sha, name + " is whole"));
    api.expect(409, api.delete("alice", "/jobs/" + jobId));
  }
}
