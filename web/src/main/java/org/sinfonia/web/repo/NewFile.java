package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import org.sinfonia.core.blob.Blob;

/**
 * A stored blob that is to become a file, in a new item of the same name; {@code facts} are extra
 * fields its document carries from the start (what ingest learnt of the bytes, such as the DICOM
 * mark; never the tree's own).
 */
public record NewFile(String name, String mimeType, Blob blob, JsonObject facts) {

  public NewFile(String name, String mimeType, Blob blob) {
    this(name, mimeType, blob, new JsonObject());
  }
}
