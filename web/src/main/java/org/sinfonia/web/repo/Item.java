package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.sinfonia.core.access.Acl;

/** A stored item as the application reads it (built by {@link StoredTree}). */
public record Item(
    String id,
    String name,
    String folderId,
    String collectionId,
    String description,
    JsonObject meta,
    long fileCount,
    String creator,
    Instant created,
    Instant updated,
    List<String> ancestors,
    Acl acl) {}
