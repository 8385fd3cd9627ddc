package org.sinfonia.verticles.dicom;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.sinfonia.core.dicomweb.EncodedDataset;

/** DICOM JSON objects as read from the index, turned into {@link EncodedDataset}s (each member encoded once). */
final class EncodedViews {

  private EncodedViews() {
  }

  static EncodedDataset of(JsonObject dataset) {
    Map<String, String> elements = new HashMap<>(dataset.size() * 2);
    dataset.getMap().forEach((key, element) -> elements.put(key, Json.encode(element)));
    return EncodedDataset.of(elements);
  }
}
