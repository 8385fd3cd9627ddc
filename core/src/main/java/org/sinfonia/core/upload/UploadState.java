package org.sinfonia.core.upload;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resumable upload as the protocol sees it, whatever stores it. Offsets only grow, and the
 * bytes below {@code offset} never change once recorded, so any node holding the same offset holds
 * the same prefix.
 *
 * @param length total size in bytes, or {@link #DEFERRED} until the client declares it
 * @param metadata the decoded {@code Upload-Metadata} pairs (values may be empty)
 * @param targetFolderId folder the finished file goes into (checked for WRITE at creation and
 *     completion)
 * @param parts for a final concatenation, the ids of its partial uploads in order
 * @param sha256 content address, recorded just before the file moves into the blob store
 * @param fileId the repository file made from it, once registered
 */
public record UploadState(
    String id,
    String owner,
    long length,
    long offset,
    Map<String, String> metadata,
    Instant createdAt,
    Instant expiresAt,
    Concat concat,
    List<String> parts,
    String targetFolderId,
    String sha256,
    String fileId) {

  public static final long DEFERRED = -1;

  /** How the upload takes part in the concatenation extension. */
  public enum Concat {
    NONE,
    PARTIAL,
    FINAL
  }

  public UploadState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    metadata = Map.copyOf(metadata);
    parts = List.copyOf(parts);
    concat = concat == null ? Concat.NONE : concat;
    if (offset < 0 || (length != DEFERRED && (length < 0 || offset > length))) {
      throw new IllegalArgumentException("offset " + offset + " outside length " + length);
    }
  }

  public boolean lengthDeferred() {
    return length == DEFERRED;
  }

  /** Every byte has arrived (a partial upload is then ready to be concatenated). */
  public boolean allBytesReceived() {
    return !lengthDeferred() && offset == length;
  }

  /** The bytes are stored as a repository file; nothing more can happen to this upload. */
  public boolean registered() {
    return fileId != null;
  }

  public boolean partial() {
    return concat == Concat.PARTIAL;
  }

  public boolean finalConcatenation() {
    return concat == Concat.FINAL;
  }

  /** Finished uploads do not expire: their bytes are in the blob store already. */
  public boolean expired(Instant now) {
    return !allBytesReceived() && expiresAt != null && !now.isBefore(expiresAt);
  }

  public String filename() {
    return metadata.get(UploadMetadataKeys.FILENAME);
  }

  public UploadState withFileId(String file) {
    return new UploadState(
        id,
        owner,
        length,
        offset,
        metadata,
        createdAt,
        expiresAt,
        concat,
        parts,
        targetFolderId,
        sha256,
        file);
  }
}
