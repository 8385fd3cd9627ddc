package org.sinfonia.verticles.tus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sinfonia.core.upload.DurableOffset;
import org.sinfonia.core.upload.UploadState;

/**
 * Upload documents (collection {@code uploads}, keyed by the upload id). Times are epoch
 * milliseconds so that range filters behave alike on MongoDB and on the embedded server. Offsets:
 * {@code offset} is what the last PATCH wrote, on the machine boot {@code offsetBoot}; {@code
 * syncedOffset} what is known to be durable ({@link DurableOffset} decides which one a node
 * trusts).
 */
final class UploadDocuments {

  private UploadDocuments() {}

  static JsonObject toDocument(UploadState u) {
    JsonObject metadata = new JsonObject();
    u.metadata().forEach(metadata::put);
    return new JsonObject()
        .put("_id", u.id())
        .put("owner", u.owner())
        .put("length", u.length())
        .put("offset", u.offset())
        // A new record's offset (0, or a concatenation written and synced in full) is already
        // durable.
        .put("syncedOffset", u.offset())
        .put("metadata", metadata)
        .put("createdAt", u.createdAt().toEpochMilli())
        .put("expiresAt", u.expiresAt().toEpochMilli())
        .put("concat", u.concat().name())
        .put("parts", new JsonArray(u.parts()))
        .put("targetFolderId", u.targetFolderId())
        .put("sha256", u.sha256())
        .put("fileId", u.fileId());
  }

  /**
   * The upload as a node in boot {@code bootId} sees it: its offset is the one that node may trust.
   */
  static UploadState fromDocument(JsonObject d, String bootId) {
    Map<String, String> metadata = new LinkedHashMap<>();
    d.getJsonObject("metadata", new JsonObject())
        .forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    long offset =
        new DurableOffset(
                d.getLong("offset"), d.getString("offsetBoot"), d.getLong("syncedOffset", 0L))
            .trusted(bootId);
    return new UploadState(
        d.getString("_id"),
        d.getString("owner"),
        d.getLong("length"),
        offset,
        metadata,
        Instant.ofEpochMilli(d.getLong("createdAt")),
        Instant.ofEpochMilli(d.getLong("expiresAt")),
        UploadState.Concat.valueOf(d.getString("concat", "NONE")),
        d.getJsonArray("parts", new JsonArray()).stream().map(String::valueOf).toList(),
        d.getString("targetFolderId"),
        d.getString("sha256"),
        d.getString("fileId"));
  }
}
