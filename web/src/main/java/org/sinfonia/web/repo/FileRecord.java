package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.sinfonia.core.access.Acl;

/**
 * A stored file as the application reads it (built by {@link StoredTree} from the stored document).
 * Fields a projection left out are null (or 0 for the size).
 *
 * @param dicom the DICOM index mark ({@code indexed}, UIDs) or null when the file was never looked
 *     at
 * @param created null when not stored
 * @param updated null when not stored
 */
public record FileRecord(
    String id,
    String name,
    String itemId,
    String folderId,
    String collectionId,
    String sha256,
    long size,
    String mimeType,
    String creator,
    Instant created,
    Instant updated,
    JsonObject dicom,
    Acl acl) {

  /** When the file last changed: updated, else created, else the epoch. */
  public Instant modified() {
    return updated != null ? updated : created != null ? created : Instant.EPOCH;
  }
}
