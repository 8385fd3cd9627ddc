package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.repo.ResourceType;

/**
 * A stored collection or folder as the application reads it (built by {@link StoredTree}).
 *
 * @param type COLLECTION or FOLDER
 * @param parentType for folders "collection", "folder" or "user" (home folders); null for
 *     collections
 * @param ownAcl whether the folder carries an ACL of its own rather than inheriting its parent's
 * @param ancestors folder ids from the top of the tree down to the parent folder
 * @param privacy the ingest privacy policy set on this folder or collection itself; null where it
 *     inherits (see {@code org.sinfonia.web.privacy.FolderPrivacyPolicies})
 */
public record Folder(
    ResourceType type,
    String id,
    String name,
    String parentType,
    String parentId,
    String collectionId,
    String description,
    JsonObject meta,
    boolean ownAcl,
    List<String> ancestors,
    String creator,
    Instant created,
    Instant updated,
    Acl acl,
    PrivacyPolicy privacy) {}
