package org.sinfonia.web.dicomweb;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one DICOMweb request may see: the caller's reader tokens (empty = site administrator, sees
 * all) and, under {@code /dicom-web/folders/{id}}, the readable folders of that subtree (empty =
 * the whole repository).
 */
public record DicomScope(Optional<List<String>> readers, Optional<Set<String>> folderIds) {

  /** True when a summary or instance document with these readers in this folder is visible. */
  public boolean admits(List<?> docReaders, String folderId) {
    if (folderIds.isPresent() && !folderIds.get().contains(folderId)) {
      return false;
    }
    if (readers.isEmpty()) {
      return true;
    }
    if (docReaders == null) {
      return false;
    }
    for (String token : readers.get()) {
      if (docReaders.contains(token)) {
        return true;
      }
    }
    return false;
  }

  /** A stable text for cache keys: equal scopes see the same documents. */
  public String key() {
    return readers.map(r -> String.join(",", r.stream().sorted().toList())).orElse("ADMIN")
        + "|"
        + folderIds.map(f -> String.join(",", f.stream().sorted().toList())).orElse("ALL");
  }
}
