package org.sinfonia.verticles.dicom;

import io.vertx.core.json.JsonObject;
import org.sinfonia.core.dicomweb.EncodedDataset;

/**
 * DICOM JSON objects as read from the index, turned into {@link EncodedDataset}s (each member
 * encoded once).
 */
final class EncodedViews {

  private EncodedViews() {}

  /**
   * One encoding of the whole object, then cut into members (cheaper than encoding each member on
   * its own).
   */
  static EncodedDataset of(JsonObject dataset) {
    return EncodedDataset.ofObject(dataset.encode());
  }
}
