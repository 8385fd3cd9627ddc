package org.sinfonia.verticles.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;
import org.sinfonia.web.repo.FileOutcome;
import org.sinfonia.web.repo.NewFile;
import org.sinfonia.web.repo.Resource;

/**
 * {@code createItemsWithFiles} against the node's real (embedded) MongoDB: a batch's entries become
 * items with their files, listed in order, counted into the folder's size and the blobs'
 * references; an entry whose name is taken (before the batch or earlier in it) fails alone and
 * leaves nothing behind; concurrent batches into one folder lose nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class ItemsWithFilesTest {

  private TestNode node;
  private MongoClient mongo;
  private MongoTreeRepository tree;

  @BeforeAll
  void start() throws Exception {
    node = TestNode.start();
    mongo =
        MongoClient.create(
            node.vertx,
            new JsonObject()
                .put("connection_string", node.node.mongoUri())
                .put("db_name", node.config.mongo().database()));
    tree = new MongoTreeRepository(mongo, FileEvents.NONE, Clock.systemUTC());
  }

  @AfterAll
  void stop() {
    Await.result(mongo.close());
    node.close();
  }

  private Resource folder(String name) {
    Resource home = Await.result(tree.homeFolder("alice"));
    return Await.result(
        tree.createFolder(home, name, "", new JsonObject(), home.acl(), false, "alice"));
  }

  private Resource fresh(Resource r) {
    return Await.result(tree.find(r.type(), r.id())).orElseThrow();
  }

  private long refs(String sha) {
    JsonObject doc =
        Await.result(mongo.findOne(Collections.BLOB_REFS, new JsonObject().put("_id", sha), null));
    return doc == null ? 0 : doc.getLong("refs");
  }

  private static Blob blob(String tag, long size) {
    return new Blob(tag.repeat(64 / tag.length()), size);
  }

  private List<String> namesInCreationOrder(Resource folder) {
    return Await.result(
            tree.children(
                folder,
                ResourceType.ITEM,
                new Paging(1000, 0, Paging.Sort.CREATED),
                Optional.empty()))
        .resources()
        .stream()
        .map(Resource::name)
        .toList();
  }

  @Test
  void aBatchCreatesItemsWithFilesAndATakenNameFailsAlone() {
    Resource folder = folder("batch");
    Resource before =
        Await.result(tree.createItem(folder, "taken.dcm", "", new JsonObject(), "alice"));
    Blob shared = blob("ab", 100);
    List<NewFile> batch =
        List.of(
            new NewFile("a.dcm", "application/dicom", shared),
            new NewFile(
                "b.dcm",
                "application/dicom",
                blob("cd", 200),
                new JsonObject()
                    .put("dicom", new JsonObject().put("indexed", false))
                    .put("itemId", "not-the-tree's")),
            new NewFile("A.DCM", "application/dicom", blob("ef", 300)), // a.dcm again, case aside
            new NewFile(
                "TAKEN.dcm",
                "application/dicom",
                blob("01", 400)), // an item before the batch has it
            new NewFile("c.dcm", "application/dicom", shared)); // the same blob as a.dcm

    List<FileOutcome> out = Await.result(tree.createItemsWithFiles(folder, batch, "alice"));

    assertEquals(
        List.of(true, true, false, false, true), out.stream().map(FileOutcome::ok).toList());
    for (int i : List.of(2, 3)) {
      ApiError e = (ApiError) out.get(i).failure();
      assertEquals(ApiError.Kind.CONFLICT, e.kind());
      assertEquals("DUPLICATE_NAME", e.code());
    }
    assertEquals(List.of("taken.dcm", "a.dcm", "b.dcm", "c.dcm"), namesInCreationOrder(folder));
    assertEquals(400, fresh(folder).size());
    assertEquals(2, refs(shared.sha256()));
    assertEquals(1, refs(blob("cd", 0).sha256()));
    assertEquals(0, refs(blob("ef", 0).sha256()), "a failed entry keeps no reference");
    assertEquals(0, refs(blob("01", 0).sha256()));
    for (FileOutcome o : List.of(out.get(0), out.get(1), out.get(4))) {
      Resource file = o.file();
      Resource item =
          Await.result(tree.find(ResourceType.ITEM, file.doc().getString("itemId"))).orElseThrow();
      assertEquals(file.name(), item.name());
      assertEquals(1L, item.doc().getLong("fileCount"));
      assertEquals(file.size(), item.size());
      assertEquals(
          List.of(file.id()), Await.result(tree.files(item)).stream().map(Resource::id).toList());
      assertEquals(folder.acl(), file.acl());
    }
    assertEquals(0L, Await.result(tree.find(ResourceType.ITEM, before.id())).orElseThrow().size());
    // Facts ride on the file's document from the start; they never replace the tree's own fields.
    Resource b = Await.result(tree.find(ResourceType.FILE, out.get(1).file().id())).orElseThrow();
    assertEquals(new JsonObject().put("indexed", false), b.doc().getJsonObject("dicom"));
    assertEquals(out.get(1).file().doc().getString("itemId"), b.doc().getString("itemId"));
    assertFalse(b.doc().getString("itemId").startsWith("not"));
    // The same name again, alone: the single-file path says the same.
    FileOutcome again =
        Await.result(
                tree.createItemsWithFiles(
                    folder,
                    List.of(new NewFile("b.dcm", "application/dicom", blob("cd", 200))),
                    "alice"))
            .get(0);
    assertFalse(again.ok());
    assertEquals(1, refs(blob("cd", 0).sha256()));
  }

  @Test
  void concurrentBatchesIntoOneFolderLoseNothing() {
    Resource folder = folder("concurrent");
    List<Future<List<FileOutcome>>> batches = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      int batchNo = b;
      List<NewFile> files =
          IntStream.range(0, 100)
              .mapToObj(
                  i ->
                      new NewFile(
                          "f" + batchNo + "-" + i,
                          "text/plain",
                          new Blob(String.format("%064x", batchNo * 1000 + i), 10)))
              .toList();
      // started on an event loop, as the doors do
      batches.add(
          node.vertx
              .getOrCreateContext()
              .<List<FileOutcome>>executeBlocking(() -> null)
              .compose(x -> tree.createItemsWithFiles(folder, files, "alice")));
    }
    Await.result(Future.all(batches), 120);
    batches.forEach(f -> assertTrue(f.result().stream().allMatch(FileOutcome::ok)));
    List<String> names = namesInCreationOrder(folder);
    assertEquals(600, names.size());
    assertEquals(600, names.stream().distinct().count());
    assertEquals(6000, fresh(folder).size());
    Resource home = Await.result(tree.homeFolder("alice"));
    assertTrue(fresh(home).size() >= 6000);
  }
}
