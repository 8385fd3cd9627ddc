package org.sinfonia.web.repo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.repo.ResourceType;

/**
 * The entries of a folder or item download, in order, with paths relative to the archive root. A
 * folder's path is its chain of names from the downloaded root; an item holding one file of its own
 * name is that file, any other item is a directory of its files. Folders whose parent is not
 * readable are left out, since their path would name a folder the caller cannot see.
 */
public record ArchivePlan(List<String> directories, List<Entry> files) {

  /** One file: where it goes in the archive, and which blob holds it. */
  public record Entry(String path, String sha256, long size, Instant modified) {}

  public static ArchivePlan of(
      Resource root, List<Resource> folders, List<Resource> items, List<Resource> files) {
    Map<String, String> folderPaths = new HashMap<>();
    List<String> directories = new ArrayList<>();
    if (root.type() == ResourceType.FOLDER) {
      folderPaths.put(root.id(), root.name());
      directories.add(root.name());
    }
    for (Resource f : folders) {
      if (f.id().equals(root.id())) {
        continue;
      }
      String parentPath =
          f.parentType().equals("collection") && root.type() == ResourceType.COLLECTION
              ? root.name()
              : folderPaths.get(f.parentId());
      if (parentPath == null) {
        continue;
      }
      String path = parentPath + "/" + f.name();
      folderPaths.put(f.id(), path);
      directories.add(path);
    }
    if (root.type() == ResourceType.COLLECTION) {
      directories.add(0, root.name());
    }
    Map<String, Resource> itemsById = new HashMap<>();
    items.forEach(i -> itemsById.put(i.id(), i));
    List<FileRecord> records = files.stream().map(Resource::asFile).toList();
    Map<String, Long> filesPerItem = new HashMap<>();
    records.forEach(f -> filesPerItem.merge(f.itemId(), 1L, Long::sum));
    List<Entry> entries = new ArrayList<>();
    for (FileRecord record : records) {
      String itemId = record.itemId();
      Resource item = itemsById.get(itemId);
      String base = root.type() == ResourceType.ITEM ? null : folderPaths.get(record.folderId());
      if (item == null || (base == null && root.type() != ResourceType.ITEM)) {
        continue;
      }
      boolean single = filesPerItem.get(itemId) == 1 && item.name().equals(record.name());
      String inItem = single ? record.name() : item.name() + "/" + record.name();
      String path = base == null ? inItem : base + "/" + inItem;
      entries.add(new Entry(path, record.sha256(), record.size(), record.modified()));
    }
    return new ArchivePlan(directories, entries);
  }

  public long totalBytes() {
    return files.stream().mapToLong(Entry::size).sum();
  }
}
