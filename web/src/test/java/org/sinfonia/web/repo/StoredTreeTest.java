package org.sinfonia.web.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.repo.ResourceType;

class StoredTreeTest {

  private static JsonObject date(String iso) {
    return new JsonObject().put("$date", iso);
  }

  @Test
  void aStoredFileBecomesAFileRecord() {
    JsonObject doc =
        new JsonObject()
            .put("_id", "f1")
            .put("name", "a.dcm")
            .put("itemId", "i1")
            .put("folderId", "d1")
            .put("collectionId", "c1")
            .put("sha256", "ab")
            .put("size", 12L)
            .put("mimeType", "application/dicom")
            .put("creator", "alice")
            .put("created", date("2026-01-02T03:04:05.123Z"))
            .put("updated", new JsonObject().put("$date", 1_000L))
            .put("dicom", new JsonObject().put("indexed", true))
            .put("acl", new JsonObject().put("public", true));
    FileRecord f = new Resource(ResourceType.FILE, doc).asFile();
    assertEquals("f1", f.id());
    assertEquals("i1", f.itemId());
    assertEquals("d1", f.folderId());
    assertEquals("ab", f.sha256());
    assertEquals(12L, f.size());
    assertEquals("application/dicom", f.mimeType());
    assertEquals("alice", f.creator());
    assertEquals(Instant.parse("2026-01-02T03:04:05.123Z"), f.created());
    assertEquals(Instant.ofEpochMilli(1_000L), f.modified());
    assertTrue(f.dicom().getBoolean("indexed"));
    assertTrue(f.acl().isPublic());
  }

  @Test
  void missingFieldsAreNullOrDefaults() {
    FileRecord f = new Resource(ResourceType.FILE, new JsonObject().put("_id", "f")).asFile();
    assertNull(f.sha256());
    assertNull(f.dicom());
    assertEquals(0L, f.size());
    assertEquals(Instant.EPOCH, f.modified());
    assertFalse(f.acl().isPublic());
    FileRecord bad =
        new Resource(ResourceType.FILE, new JsonObject().put("created", date("yesterday")))
            .asFile();
    assertNull(bad.created());
  }

  @Test
  void foldersAndItems() {
    JsonObject doc =
        new JsonObject()
            .put("_id", "d1")
            .put("parentType", "folder")
            .put("parentId", "d0")
            .put("collectionId", "c1")
            .put("ownAcl", true)
            .put("ancestors", new JsonArray().add("d0"));
    Folder folder = new Resource(ResourceType.FOLDER, doc).asFolder();
    assertTrue(folder.ownAcl());
    assertEquals("", folder.description());
    assertEquals(new JsonObject(), folder.meta());
    assertEquals(List.of("d0"), folder.ancestors());
    assertEquals(
        "c9",
        new Resource(ResourceType.COLLECTION, new JsonObject().put("_id", "c9"))
            .asFolder()
            .collectionId());
    Item item =
        new Resource(
                ResourceType.ITEM, new JsonObject().put("description", "x").put("fileCount", 3L))
            .asItem();
    assertEquals("x", item.description());
    assertEquals(3L, item.fileCount());
    assertThrows(IllegalStateException.class, () -> new Resource(ResourceType.ITEM, doc).asFile());
  }
}
