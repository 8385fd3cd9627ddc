package org.sinfonia.verticles.tus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sinfonia.core.upload.UploadState;

/**
 * Upload documents (collection {@code uploads}, keyed by the upload id). Times are epoch milliseconds so that
 * range filters behave alike on MongoDB and on the embedded server.
 */
final class UploadDocuments {

  private UploadDocuments() {
  }

  static JsonObject toDocument(UploadState u) {
    JsonObject metadata = new JsonObject();
    u.metadata().forEach(metadata::put);
    return new JsonObject()
        .put("_id", u.id()).put("owner", u.owner()).put("length", u.length()).put("offset", u.offset())
        .put("metadata", metadata).put("createdAt", u.createdAt().toEpochMilli())
        .put("expiresAt", u.expiresAt().toEpochMilli()).put("concat", u.concat().name())
        .put("parts", new JsonArray(u.parts())).put("targetFolderId", u.targetFolderId())
        .put("sha256", u.sha256()).put("fileId", u.fileId());
  }

  static UploadState fromDocument(JsonObject d) {
    Map<String, String> metadata = new LinkedHashMap<>();
    d.getJsonObject("metadata", new JsonObject()).forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    return new UploadState(d.getString("_id"), d.getString("owner"), d.getLong("length"), d.getLong("offset"),
        metadata, Instant.ofEpochMilli(d.getLong("createdAt")), Instant.ofEpochMilli(d.getLong("expiresAt")),
        UploadState.Concat.valueOf(d.getString("concat", "NONE")),
        d.getJsonArray("parts", new JsonArray()).stream().map(String::valueOf).toList(),
        d.getString("targetFolderId"), d.getString("sha256"), d.getString("fileId"));
  }
}
