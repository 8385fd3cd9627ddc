package org.sinfonia.web.sftp;

import io.vertx.core.json.JsonObject;

/**
 * Where one inbox subtree goes: a folder id, and whether {@code .zip} files dropped there are to be
 * extracted. With {@code extractZip} a zip is ingested as a file like any other, then an extraction
 * job unpacks it into the same folder ({@code onConflict=rename}); the ingestion job's result names
 * it ({@code extractJobId}).
 */
public record SftpMapping(String folderId, boolean extractZip) {

  public JsonObject toJson() {
    return new JsonObject().put("folderId", folderId).put("extractZip", extractZip);
  }
}
