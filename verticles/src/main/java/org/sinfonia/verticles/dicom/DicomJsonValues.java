package org.sinfonia.verticles.dicom;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An attribute's values in a DICOM JSON object as text, the form QIDO-RS matching takes them in.
 */
final class DicomJsonValues {

  private DicomJsonValues() {}

  /**
   * Null when absent; empty when present without a value; person names as their component groups.
   */
  static List<String> of(JsonObject dataset, String key) {
    JsonObject element = dataset.getJsonObject(key);
    if (element == null) {
      return null;
    }
    JsonArray values = element.getJsonArray("Value");
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (Object v : values) {
      if (v instanceof JsonObject pn) {
        for (String group : new String[] {"Alphabetic", "Ideographic", "Phonetic"}) {
          if (pn.getString(group) != null) {
            out.add(pn.getString(group));
          }
        }
      } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        out.add(Long.toString(n.longValue()));
      } else {
        out.add(v == null ? "" : String.valueOf(v));
      }
    }
    return out;
  }

  /** The first value as text, "" when there is none (for ordering). */
  static String first(JsonObject dataset, String key) {
    List<String> v = of(dataset, key);
    return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0);
  }
}
