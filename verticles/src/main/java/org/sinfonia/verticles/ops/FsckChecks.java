package org.sinfonia.verticles.ops;

import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClientUpdateResult;
import io.vertx.ext.mongo.UpdateOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.fsck.BlobRule;
import org.sinfonia.core.fsck.FsckReport;
import org.sinfonia.core.fsck.FsckReport.Problem;
import org.sinfonia.core.fsck.Tally;
import org.sinfonia.verticles.dicom.DicomCollections;
import org.sinfonia.verticles.dicom.DicomReindexer;
import org.sinfonia.verticles.dicom.DuplicatePolicy;
import org.sinfonia.verticles.dicom.MongoDicomIndex;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.repo.AclJson;

/**
 * The checks, in three phases, each read in full before its repairs start (after a settle, so what
 * a live node was writing when it was read has landed): the tree and the blobs; the DICOM index
 * against the files; the study and series summaries against the index. Every repair reads what it
 * fixes again and writes only if it still holds what was read (a conditional update), so a node
 * changing the same document meanwhile wins and the problem is reported as left.
 */
final class FsckChecks {

  static final String BLOBS = "blobs";
  static final String ORPHANS = "orphans";
  static final String REFS = "refs";
  static final String SIZES = "sizes";
  static final String LISTS = "lists";
  static final String INDEX = "dicom-index";
  static final String SUMMARIES = "dicom-summaries";
  static final String ACCESS = "access";

  /** What a repair returns when the problem had gone by itself when it looked again. */
  private static final String SETTLED = "settled";

  private static final Duration STEADY_PAUSE = Duration.ofMillis(250);

  /** A fix: says what it wrote, or {@link #SETTLED}; throws {@link Left} when it leaves it. */
  private interface Repair {
    String apply();
  }

  /** Thrown by a repair that leaves its problem, with the reason. */
  private static final class Left extends RuntimeException {
    Left(String why) {
      super(why, null, false, false);
    }
  }

  private record Pending(Problem problem, Repair repair, String why) {}

  private record ItemRec(
      String folderId, String collectionId, long size, long fileCount, Long listChunk) {}

  private final FsckStore s;
  private final SinfoniaConfig config;
  private final Fsck.Options options;
  private final FsckReport report;
  private final List<Pending> pending = new ArrayList<>();

  private final Map<String, JsonObject> collections = new HashMap<>();
  private final Map<String, JsonObject> folders = new HashMap<>();
  private final Map<String, ItemRec> items = new HashMap<>();
  private final Map<String, Acl> expectedAcl = new HashMap<>();
  private final Map<String, String> liveFiles = new HashMap<>(); // file id -> folder id
  private final Map<String, String> dicomFiles = new HashMap<>(); // file id -> SOP Instance UID
  private final Tally fileBytes = new Tally(); // by item
  private final Tally fileCounts = new Tally(); // by item
  private final Tally refs = new Tally(); // files by blob
  private final Map<String, Long> blobSizes = new HashMap<>();
  private final Map<String, String> blobVerdicts = new HashMap<>();

  FsckChecks(FsckStore s, SinfoniaConfig config, Fsck.Options options, FsckReport report) {
    this.s = s;
    this.config = config;
    this.options = options;
    this.report = report;
  }

  void run() {
    for (String c : List.of(BLOBS, ORPHANS, REFS, SIZES, LISTS, ACCESS, INDEX, SUMMARIES)) {
      report.begin(c);
    }
    readTree();
    checkSizesAndLists();
    checkRefsAndOrphans();
    settleAndRepair();
    checkIndex();
    settleAndRepair();
    checkSummaries();
    settleAndRepair();
  }

  // ---- phase 1: the tree and the blobs ---------------------------------------------------------

  private void readTree() {
    s.scan(
        Collections.COLLECTIONS,
        new JsonObject(),
        fields("acl", "readers", "size"),
        c -> collections.put(c.getString("_id"), c));
    s.scan(
        Collections.FOLDERS,
        new JsonObject(),
        fields(
            "parentType",
            "parentId",
            "aclSource",
            "acl",
            "readers",
            "size",
            "itemChunks",
            "ancestors",
            "collectionId"),
        f -> folders.put(f.getString("_id"), f));
    for (JsonObject c : collections.values()) {
      checkAccess(
          Collections.COLLECTIONS, "collection", c, AclJson.fromStored(c.getJsonObject("acl")));
    }
    for (JsonObject f : folders.values()) {
      Acl expected = expected(f.getString("_id"), 0);
      if (expected == null) {
        report.checked(ACCESS, 1);
        unfixable(
            ACCESS,
            "folder " + f.getString("_id"),
            "its ACL comes from " + f.getString("aclSource") + ", which does not exist",
            "set the folder's access again");
      } else {
        checkAccess(Collections.FOLDERS, "folder", f, expected);
      }
    }
    s.scan(
        Collections.ITEMS,
        new JsonObject(),
        fields("folderId", "collectionId", "size", "fileCount", "listChunk", "acl", "readers"),
        i -> {
          items.put(
              i.getString("_id"),
              new ItemRec(
                  i.getString("folderId"),
                  i.getString("collectionId"),
                  i.getLong("size", 0L),
                  i.getLong("fileCount", 0L),
                  i.getLong("listChunk")));
          inFolder(Collections.ITEMS, "item", i);
        });
    s.scan(
        Collections.FILES,
        new JsonObject(),
        fields("itemId", "folderId", "sha256", "size", "acl", "readers", "dicom"),
        f -> {
          String id = f.getString("_id");
          String sha = f.getString("sha256");
          long size = f.getLong("size", 0L);
          liveFiles.put(id, f.getString("folderId"));
          fileBytes.add(f.getString("itemId"), size);
          fileCounts.add(f.getString("itemId"), 1);
          refs.add(sha, 1);
          blobSizes.putIfAbsent(sha, size);
          JsonObject dicom = f.getJsonObject("dicom");
          if (dicom != null && dicom.getBoolean("indexed", false)) {
            dicomFiles.put(id, dicom.getString("sopInstanceUid", ""));
          }
          checkBlob(id, sha, size);
          inFolder(Collections.FILES, "file", f);
        });
  }

  private void checkBlob(String fileId, String sha, long size) {
    report.checked(BLOBS, 1);
    String verdict = blobVerdicts.computeIfAbsent(sha, k -> blobVerdict(sha, size));
    if (!verdict.isEmpty()) {
      unfixable(
          BLOBS,
          "file " + fileId,
          verdict,
          "the file is kept; restore the blob from a backup, or delete the file");
    }
  }

  /** Empty when the blob is as the file says. */
  private String blobVerdict(String sha, long size) {
    try {
      Optional<Blob> blob = s.blobs.stat(sha);
      if (blob.isEmpty()) {
        return "blob " + sha + " is missing";
      }
      if (blob.get().size() != size) {
        return "blob " + sha + " is " + blob.get().size() + " bytes, the file says " + size;
      }
      if (options.deep()) {
        String actual = sha256(sha);
        if (!actual.equals(sha)) {
          return "blob " + sha + " holds content whose SHA-256 is " + actual;
        }
      }
      return "";
    } catch (IOException e) {
      return "blob " + sha + " cannot be read: " + e.getMessage();
    }
  }

  private String sha256(String sha) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (SeekableByteChannel ch = s.blobs.open(sha);
        InputStream in = Channels.newInputStream(ch)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The access of an item or file: its folder's (expected) ACL. */
  private void inFolder(String collection, String kind, JsonObject doc) {
    Acl expected = expected(doc.getString("folderId"), 0);
    if (expected == null) {
      report.checked(ACCESS, 1);
      unfixable(
          ACCESS,
          kind + " " + doc.getString("_id"),
          "its folder " + doc.getString("folderId") + " does not exist",
          "move or delete it");
      return;
    }
    checkAccess(collection, kind, doc, expected);
  }

  /** The ACL a folder's chain gives it (its own, or its ACL source's); null when unknown. */
  private Acl expected(String id, int depth) {
    if (id == null) {
      return null;
    }
    Acl known = expectedAcl.get(id);
    if (known != null) {
      return known;
    }
    Acl acl;
    JsonObject c = collections.get(id);
    JsonObject f = folders.get(id);
    if (c != null) {
      acl = AclJson.fromStored(c.getJsonObject("acl"));
    } else if (f == null) {
      return null;
    } else {
      String source = f.getString("aclSource", id);
      acl =
          source.equals(id) || depth > 256
              ? AclJson.fromStored(f.getJsonObject("acl"))
              : expected(source, depth + 1);
    }
    if (acl != null) {
      expectedAcl.put(id, acl);
    }
    return acl;
  }

  /** A document's stored ACL and reader tokens against the ACL its chain gives it. */
  private void checkAccess(String collection, String kind, JsonObject doc, Acl expected) {
    report.checked(ACCESS, 1);
    String id = doc.getString("_id");
    Acl stored = AclJson.fromStored(doc.getJsonObject("acl"));
    JsonArray readers = doc.getJsonArray("readers", new JsonArray());
    Set<Object> have = new HashSet<>(readers.getList());
    Set<Object> want = new HashSet<>(expected.readerTokens());
    String message;
    if (!stored.equals(expected)) {
      message =
          "ACL "
              + AclJson.toJson(stored).encode()
              + ", its folder chain gives "
              + AclJson.toJson(expected).encode();
    } else if (!have.equals(want)) {
      message =
          "readers "
              + readers.encode()
              + ", its ACL gives "
              + new JsonArray(expected.readerTokens()).encode();
    } else {
      return;
    }
    fixable(ACCESS, kind + " " + id, message, () -> fixAccess(collection, id));
  }

  /**
   * Reads the document and its chain again (an access change may have run since they were read: its
   * ACL wins, never the one read before) and writes the chain's ACL if the document still holds the
   * readers just read.
   */
  private String fixAccess(String collection, String id) {
    JsonObject current = s.findOne(collection, new JsonObject().put("_id", id));
    if (current == null) {
      throw new Left("gone meanwhile");
    }
    Acl fresh;
    if (collection.equals(Collections.COLLECTIONS)) {
      fresh = AclJson.fromStored(current.getJsonObject("acl"));
    } else if (collection.equals(Collections.FOLDERS)) {
      fresh = chainAcl(current);
    } else {
      JsonObject folder =
          s.findOne(
              Collections.FOLDERS, new JsonObject().put("_id", current.getString("folderId")));
      if (folder == null) {
        throw new Left("its folder is gone");
      }
      fresh = chainAcl(folder);
    }
    JsonArray readers = current.getJsonArray("readers", new JsonArray());
    if (AclJson.fromStored(current.getJsonObject("acl")).equals(fresh)
        && new HashSet<>(readers.getList()).equals(new HashSet<Object>(fresh.readerTokens()))) {
      return SETTLED;
    }
    JsonArray tokens = new JsonArray(fresh.readerTokens());
    update(
        collection,
        new JsonObject().put("_id", id).put("readers", readers),
        new JsonObject()
            .put(
                "$set", new JsonObject().put("acl", AclJson.toJson(fresh)).put("readers", tokens)));
    if (collection.equals(DicomCollections.STUDIES)) {
      bumpStudies(List.of(id));
    }
    return "readers " + tokens.encode();
  }

  /** A folder's ACL as its source holds it now (itself, or the folder or collection it names). */
  private Acl chainAcl(JsonObject folder) {
    String id = folder.getString("_id");
    String source = folder.getString("aclSource", id);
    if (source.equals(id)) {
      return AclJson.fromStored(folder.getJsonObject("acl"));
    }
    JsonObject src = s.findOne(Collections.FOLDERS, new JsonObject().put("_id", source));
    if (src == null) {
      src = s.findOne(Collections.COLLECTIONS, new JsonObject().put("_id", source));
    }
    if (src == null) {
      throw new Left("its ACL source " + source + " is gone");
    }
    return AclJson.fromStored(src.getJsonObject("acl"));
  }

  private void checkSizesAndLists() {
    Tally folderBytes = new Tally();
    Tally collectionBytes = new Tally();
    Map<String, Long> chunkOf = new HashMap<>();
    s.scan(
        Collections.ITEM_LISTS,
        new JsonObject(),
        null,
        chunk -> {
          String cid = chunk.getString("_id");
          int colon = cid.lastIndexOf(':');
          if (colon < 0) {
            return;
          }
          String folderId = cid.substring(0, colon);
          String n = cid.substring(colon + 1);
          JsonArray ids = chunk.getJsonArray("ids", new JsonArray());
          for (Object o : ids) {
            try {
              chunkOf.put(String.valueOf(o), Long.parseLong(n));
            } catch (NumberFormatException e) {
              // not a list chunk
            }
          }
          JsonObject folder = folders.get(folderId);
          if (folder == null) {
            return;
          }
          report.checked(LISTS, 1);
          long stored = folder.getJsonObject("itemChunks", new JsonObject()).getLong(n, 0L);
          if (stored != ids.size()) {
            fixable(
                LISTS,
                "folder " + folderId,
                "list chunk " + n + " counts " + stored + " items, holds " + ids.size(),
                () -> {
                  JsonObject now =
                      s.findOne(Collections.ITEM_LISTS, new JsonObject().put("_id", cid));
                  long holds = now == null ? 0 : now.getJsonArray("ids", new JsonArray()).size();
                  update(
                      Collections.FOLDERS,
                      new JsonObject().put("_id", folderId).put("itemChunks." + n, stored),
                      new JsonObject().put("$set", new JsonObject().put("itemChunks." + n, holds)));
                  return "count " + holds;
                });
          }
        });
    items.forEach(
        (id, item) -> {
          long bytes = fileBytes.get(id);
          long count = fileCounts.get(id);
          report.checked(SIZES, 1);
          if (bytes != item.size() || count != item.fileCount()) {
            fixable(
                SIZES,
                "item " + id,
                "size "
                    + item.size()
                    + " and "
                    + item.fileCount()
                    + " files, its files: "
                    + bytes
                    + " bytes in "
                    + count,
                () -> fixItemSize(id));
          }
          report.checked(LISTS, 1);
          Long listed = chunkOf.get(id);
          if (item.listChunk() != null && !item.listChunk().equals(listed)) {
            unfixable(
                LISTS,
                "item " + id,
                "not in list chunk "
                    + item.listChunk()
                    + " of folder "
                    + item.folderId()
                    + (listed == null ? "" : " (found in chunk " + listed + ")"),
                "listings skip it; move it to another folder and back");
          }
          JsonObject folder = folders.get(item.folderId());
          if (folder != null) {
            for (Object a : folder.getJsonArray("ancestors", new JsonArray())) {
              folderBytes.add(String.valueOf(a), bytes);
            }
            folderBytes.add(item.folderId(), bytes);
          }
          if (item.collectionId() != null) {
            collectionBytes.add(item.collectionId(), bytes);
          }
        });
    for (String itemId : fileCounts.keys()) {
      // Looked up again: an item created after the items were read is not missing.
      if (!items.containsKey(itemId)
          && s.findOne(Collections.ITEMS, new JsonObject().put("_id", itemId)) == null) {
        unfixable(
            SIZES,
            "item " + itemId,
            fileCounts.get(itemId) + " files name it, it does not exist",
            "their bytes count nowhere; delete the files");
      }
    }
    folders.forEach((id, f) -> checkSize(Collections.FOLDERS, "folder", f, folderBytes.get(id)));
    collections.forEach(
        (id, c) -> checkSize(Collections.COLLECTIONS, "collection", c, collectionBytes.get(id)));
  }

  private void checkSize(String collection, String kind, JsonObject doc, long bytes) {
    report.checked(SIZES, 1);
    long stored = doc.getLong("size", 0L);
    if (stored == bytes) {
      return;
    }
    String id = doc.getString("_id");
    fixable(
        SIZES,
        kind + " " + id,
        "size " + stored + ", its contents: " + bytes,
        () -> {
          long[] seen =
              steady(
                  () -> {
                    JsonObject current = s.findOne(collection, new JsonObject().put("_id", id));
                    if (current == null) {
                      throw new Left("gone meanwhile");
                    }
                    long[] look = {current.getLong("size", 0L), 0};
                    s.scan(
                        Collections.ITEMS,
                        collection.equals(Collections.FOLDERS)
                            ? new JsonObject().put("ancestors", id)
                            : new JsonObject().put("collectionId", id),
                        fields("size"),
                        i -> look[1] += i.getLong("size", 0L));
                    return look;
                  });
          long now = seen[0];
          long sum = seen[1];
          if (sum == now) {
            return SETTLED;
          }
          update(
              collection,
              new JsonObject().put("_id", id).put("size", now),
              new JsonObject().put("$set", new JsonObject().put("size", sum)));
          return "size " + sum;
        });
  }

  /** Counts the item's files again and writes the sums if the item still holds what was read. */
  private String fixItemSize(String id) {
    long[] seen =
        steady(
            () -> {
              JsonObject current = s.findOne(Collections.ITEMS, new JsonObject().put("_id", id));
              if (current == null) {
                throw new Left("gone meanwhile");
              }
              long[] look = {current.getLong("size", 0L), current.getLong("fileCount", 0L), 0, 0};
              s.scan(
                  Collections.FILES,
                  new JsonObject().put("itemId", id),
                  fields("size"),
                  f -> {
                    look[2] += f.getLong("size", 0L);
                    look[3]++;
                  });
              return look;
            });
    long size = seen[0];
    long count = seen[1];
    if (seen[2] == size && seen[3] == count) {
      return SETTLED;
    }
    update(
        Collections.ITEMS,
        new JsonObject().put("_id", id).put("size", size).put("fileCount", count),
        new JsonObject()
            .put("$set", new JsonObject().put("size", seen[2]).put("fileCount", seen[3])));
    return "size " + seen[2] + ", " + seen[3] + " files";
  }

  /**
   * Looks twice, {@link #STEADY_PAUSE} apart, and refuses to go on if the two looks differ. An
   * upload counts its bytes into the item and each folder above it by separate writes; a repair
   * between them would set the sum that already includes the upload, and the write still coming
   * would count it again.
   */
  private static long[] steady(Supplier<long[]> look) {
    long[] first = look.get();
    if (!pause(STEADY_PAUSE)) {
      throw new Left("interrupted");
    }
    long[] second = look.get();
    if (!Arrays.equals(first, second)) {
      throw new Left("changed meanwhile; run fsck again");
    }
    return second;
  }

  private void checkRefsAndOrphans() {
    Map<String, JsonObject> refDocs = new HashMap<>();
    s.scan(
        Collections.BLOB_REFS,
        new JsonObject(),
        fields("refs", "freedAt"),
        r -> {
          String sha = r.getString("_id");
          refDocs.put(sha, r);
          report.checked(REFS, 1);
          long stored = r.getLong("refs", 0L);
          long used = refs.get(sha);
          if (stored != used && !(used == 0 && stored <= 0)) {
            fixable(
                REFS,
                "blob " + sha,
                "counts " + stored + " references, " + used + " files use it",
                () -> fixRefs(sha, stored));
          }
        });
    for (String sha : refs.keys()) {
      if (!refDocs.containsKey(sha)) {
        report.checked(REFS, 1);
        long used = refs.get(sha);
        fixable(
            REFS,
            "blob " + sha,
            "has no reference count, " + used + " files use it",
            () -> {
              long now = s.count(Collections.FILES, new JsonObject().put("sha256", sha));
              if (s.findOne(Collections.BLOB_REFS, new JsonObject().put("_id", sha)) != null) {
                throw new Left("counted meanwhile; run fsck again");
              }
              FsckStore.await(
                  s.mongo.insert(
                      Collections.BLOB_REFS,
                      new JsonObject()
                          .put("_id", sha)
                          .put("refs", now)
                          .put("size", blobSizes.getOrDefault(sha, 0L))));
              return "refs " + now;
            });
      }
    }
    long now = System.currentTimeMillis();
    Duration grace = config.repository().blobGracePeriod();
    s.eachBlob(
        path -> {
          String sha = path.getFileName().toString();
          report.checked(ORPHANS, 1);
          if (refs.has(sha)) {
            return;
          }
          JsonObject doc = refDocs.get(sha);
          if (doc != null && doc.getLong("refs", 0L) > 0) {
            return; // a count to correct (above), not an orphan yet
          }
          Long freedAt = doc == null ? null : doc.getLong("freedAt");
          long storedAt = modified(path);
          if (BlobRule.orphan(freedAt, storedAt, now, grace)) {
            fixable(
                ORPHANS,
                "blob " + sha,
                "no file uses it, "
                    + (freedAt != null ? "freed " : "stored ")
                    + Duration.ofMillis(now - (freedAt != null ? freedAt : storedAt)).toSeconds()
                    + " s ago (grace period "
                    + grace.toSeconds()
                    + " s)",
                () -> deleteOrphan(sha, doc != null));
          }
        });
  }

  private String fixRefs(String sha, long stored) {
    long used = s.count(Collections.FILES, new JsonObject().put("sha256", sha));
    if (used == stored) {
      return SETTLED;
    }
    JsonObject update =
        used > 0
            ? new JsonObject()
                .put("$set", new JsonObject().put("refs", used))
                .put("$unset", new JsonObject().put("freedAt", ""))
            : new JsonObject()
                .put(
                    "$set",
                    new JsonObject().put("refs", 0L).put("freedAt", System.currentTimeMillis()));
    update(Collections.BLOB_REFS, new JsonObject().put("_id", sha).put("refs", stored), update);
    return "refs " + used + (used == 0 ? " (freed: removed after the grace period)" : "");
  }

  /** As the sweeper does: claim, move aside, look once more, then purge or put back. */
  private String deleteOrphan(String sha, boolean hasRefDoc) {
    if (hasRefDoc) {
      var removed =
          FsckStore.await(
              s.mongo.removeDocument(
                  Collections.BLOB_REFS,
                  new JsonObject().put("_id", sha).put("refs", new JsonObject().put("$lte", 0L))));
      if (removed == null || removed.getRemovedCount() == 0) {
        throw new Left("referenced again meanwhile");
      }
    }
    try {
      if (!s.blobs.retire(sha)) {
        return SETTLED;
      }
      JsonObject doc = s.findOne(Collections.BLOB_REFS, new JsonObject().put("_id", sha));
      boolean wanted =
          (doc != null && doc.getLong("refs", 0L) > 0)
              || s.count(Collections.FILES, new JsonObject().put("sha256", sha)) > 0;
      if (wanted) {
        s.blobs.restore(sha);
        throw new Left("a file took it meanwhile: kept");
      }
      s.blobs.purgeRetired(sha);
      return "deleted";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return System.currentTimeMillis();
    }
  }

  // ---- phase 2: the DICOM index against the files
  // ------------------------------------------------

  private void checkIndex() {
    Set<String> indexed = new HashSet<>();
    List<String> missing = new ArrayList<>();
    s.scan(
        DicomCollections.INSTANCES,
        new JsonObject(),
        fields("fileId", "folderId"),
        inst -> {
          report.checked(INDEX, 1);
          String uid = inst.getString("_id");
          indexed.add(uid);
          String fileId = inst.getString("fileId");
          String folder = liveFiles.get(fileId);
          if (folder == null) {
            fixable(
                INDEX,
                "instance " + uid,
                "points at file " + fileId + ", which does not exist",
                () -> {
                  if (s.findOne(Collections.FILES, new JsonObject().put("_id", fileId)) != null) {
                    throw new Left("the file exists by now");
                  }
                  var r =
                      FsckStore.await(
                          s.mongo.removeDocument(
                              DicomCollections.INSTANCES,
                              new JsonObject().put("_id", uid).put("fileId", fileId)));
                  if (r == null || r.getRemovedCount() == 0) {
                    throw new Left("changed meanwhile; run fsck again");
                  }
                  return "index entry dropped";
                });
          } else if (!folder.equals(inst.getString("folderId"))) {
            unfixable(
                INDEX,
                "instance " + uid,
                "in folder "
                    + inst.getString("folderId")
                    + ", its file "
                    + fileId
                    + " in "
                    + folder,
                "move the file again");
          }
        });
    dicomFiles.forEach(
        (fileId, sop) -> {
          report.checked(INDEX, 1);
          if (!sop.isEmpty() && !indexed.contains(sop)) {
            missing.add(sop);
            Problem p =
                report.problem(
                    INDEX,
                    "file " + fileId,
                    "marked as indexed DICOM (SOP Instance UID " + sop + ") but not in the index",
                    true);
            pending.add(new Pending(p, () -> reindexed(sop), null));
          }
        });
  }

  private boolean reindexDone;

  /**
   * Indexes every file marked indexed but missing, once (the start-up repair's code), then looks.
   */
  private String reindexed(String sop) {
    if (!reindexDone) {
      reindexDone = true;
      SinfoniaConfig.Dicom dicom = config.dicom();
      MongoDicomIndex index =
          new MongoDicomIndex(
              s.vertx,
              s.mongo,
              DuplicatePolicy.parse(dicom.duplicatePolicy()),
              dicom.maxMetadataBytes());
      FsckStore.await(
          new DicomReindexer(
                  s.vertx,
                  s.mongo,
                  index,
                  s.blobs,
                  s.workers,
                  DicomParserOptions.defaults().withBulkDataThreshold(dicom.bulkDataThreshold()),
                  dicom.maxHeaderBytes(),
                  Duration.ZERO)
              .run());
    }
    if (s.findOne(DicomCollections.INSTANCES, new JsonObject().put("_id", sop)) == null) {
      throw new Left("its stored header did not parse again");
    }
    return "indexed again";
  }

  // ---- phase 3: summaries against the index
  // ------------------------------------------------------

  private void checkSummaries() {
    Tally series = new Tally();
    Tally studies = new Tally();
    Map<String, Set<String>> studySeries = new HashMap<>();
    s.scan(
        DicomCollections.INSTANCES,
        new JsonObject(),
        fields("folderId", "studyUid", "seriesUid", "acl", "readers"),
        inst -> {
          String folder = inst.getString("folderId");
          series.add(DicomCollections.partId(folder, inst.getString("seriesUid")), 1);
          String study = DicomCollections.partId(folder, inst.getString("studyUid"));
          studies.add(study, 1);
          studySeries
              .computeIfAbsent(study, k -> new LinkedHashSet<>())
              .add(inst.getString("seriesUid"));
          inFolder(DicomCollections.INSTANCES, "instance", inst);
        });
    Set<String> seenSeries = new HashSet<>();
    s.scan(
        DicomCollections.SERIES,
        new JsonObject(),
        fields("folderId", "instances", "acl", "readers"),
        d -> {
          String id = d.getString("_id");
          seenSeries.add(id);
          checkCount(DicomCollections.SERIES, "series", d, series.get(id), null);
          inFolder(DicomCollections.SERIES, "series", d);
        });
    Set<String> seenStudies = new HashSet<>();
    s.scan(
        DicomCollections.STUDIES,
        new JsonObject(),
        fields("folderId", "instances", "series", "acl", "readers"),
        d -> {
          String id = d.getString("_id");
          seenStudies.add(id);
          checkCount(
              DicomCollections.STUDIES,
              "study",
              d,
              studies.get(id),
              studySeries.getOrDefault(id, Set.of()));
          inFolder(DicomCollections.STUDIES, "study", d);
        });
    for (String id : series.keys()) {
      if (!seenSeries.contains(id)) {
        report.checked(SUMMARIES, 1);
        unfixable(
            SUMMARIES,
            "series " + id,
            "has " + series.get(id) + " instances but no summary",
            "upload its files again");
      }
    }
    for (String id : studies.keys()) {
      if (!seenStudies.contains(id)) {
        report.checked(SUMMARIES, 1);
        unfixable(
            SUMMARIES,
            "study " + id,
            "has " + studies.get(id) + " instances but no summary",
            "upload its files again");
      }
    }
  }

  private void checkCount(
      String collection, String kind, JsonObject d, long count, Set<String> seriesUids) {
    report.checked(SUMMARIES, 1);
    String id = d.getString("_id");
    long stored = d.getLong("instances", 0L);
    Set<Object> storedSeries =
        seriesUids == null
            ? null
            : new HashSet<>(d.getJsonArray("series", new JsonArray()).getList());
    boolean seriesRight =
        seriesUids == null || storedSeries.equals(new HashSet<Object>(seriesUids));
    if (stored == count && seriesRight) {
      return;
    }
    String message =
        "counts "
            + stored
            + " instances, the index holds "
            + count
            + (seriesRight ? "" : "; series " + storedSeries + ", the index has " + seriesUids);
    fixable(
        SUMMARIES,
        kind + " " + id,
        message,
        () -> {
          JsonObject cond = new JsonObject().put("_id", id).put("instances", stored);
          String how;
          if (count == 0) {
            var r = FsckStore.await(s.mongo.removeDocument(collection, cond));
            if (r == null || r.getRemovedCount() == 0) {
              throw new Left("changed meanwhile; run fsck again");
            }
            how = "summary removed (no instances)";
          } else {
            JsonObject set = new JsonObject().put("instances", count);
            if (seriesUids != null) {
              set.put("series", new JsonArray(List.copyOf(seriesUids)));
            }
            update(
                collection,
                cond,
                new JsonObject().put("$set", set).put("$inc", new JsonObject().put("version", 1L)));
            how = "instances " + count;
          }
          if (collection.equals(DicomCollections.STUDIES)) {
            bumpStudies(List.of(id));
          }
          return how;
        });
  }

  /** Tells the nodes' study-part caches that these parts changed. */
  private void bumpStudies(List<String> ids) {
    FsckStore.await(
        s.mongo.updateCollectionWithOptions(
            DicomCollections.META,
            new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID),
            DicomCollections.studiesChanged(ids),
            new UpdateOptions().setUpsert(true)));
  }

  // ---- problems and repairs -------------------------------------------------------------------

  private void fixable(String check, String id, String message, Repair repair) {
    pending.add(new Pending(report.problem(check, id, message, true), repair, null));
  }

  private void unfixable(String check, String id, String message, String why) {
    pending.add(new Pending(report.problem(check, id, message, false), null, why));
  }

  /** A conditional update: left when the document no longer holds what was read. */
  private void update(String collection, JsonObject condition, JsonObject update) {
    MongoClientUpdateResult r =
        FsckStore.await(s.mongo.updateCollection(collection, condition, update));
    if (r == null || r.getDocMatched() == 0) {
      throw new Left("changed meanwhile; run fsck again");
    }
  }

  private void settleAndRepair() {
    if (pending.isEmpty()) {
      return;
    }
    List<Pending> now = List.copyOf(pending);
    pending.clear();
    if (!options.repair()) {
      return;
    }
    if (now.stream().anyMatch(p -> p.repair() != null)
        && !options.settle().isZero()
        && !pause(options.settle())) {
      return;
    }
    for (Pending p : now) {
      if (p.repair() == null) {
        report.left(p.problem(), p.why());
        continue;
      }
      try {
        String how = p.repair().apply();
        if (how.equals(SETTLED)) {
          report.settled(p.problem());
        } else {
          report.fixed(p.problem(), how);
        }
      } catch (Left e) {
        report.left(p.problem(), e.getMessage());
      } catch (RuntimeException e) {
        report.left(p.problem(), "repair failed: " + e.getMessage());
      }
    }
  }

  /** Sleeps on fsck's own thread (never an event loop); false when interrupted. */
  private static boolean pause(Duration d) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("fsck pauses between looks: never on an event loop");
    }
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonObject fields(String... names) {
    JsonObject f = new JsonObject().put("_id", 1);
    for (String n : names) {
      f.put(n, 1);
    }
    return f;
  }
}
