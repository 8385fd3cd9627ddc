package org.sinfonia.web.sftp;

import io.vertx.core.json.JsonObject;

/**
 * Where one inbox subtree goes: a folder id, and whether {@code .zip} files dropped there are to be extracted.
 * Extraction is pending: the option is stored and validated, but until the zip-extraction job exists a zip is
 * ingested as a file like any other (the ingestion job's result says so).
 */
public record SftpMapping(String folderId, boolean extractZip) {

  public JsonObject toJson() {
    return new JsonObject().put("folderId", folderId).put("extractZip", extractZip);
  }
}
