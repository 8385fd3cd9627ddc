package org.sinfonia.web.repo;

import io.vertx.core.json.JsonObject;
import org.sinfonia.core.error.ApiError;

/**
 * Metadata keys must be storable and queryable as MongoDB field names: no dots, no leading '$', not
 * empty.
 */
final class MetaKeys {

  private static final int MAX_DEPTH = 8;

  private MetaKeys() {}

  static void check(JsonObject meta) {
    check(meta, 0);
    if (meta.encode().length() > 256 * 1024) {
      throw ApiError.badRequest("INVALID_META", "metadata is limited to 256 KiB");
    }
  }

  private static void check(JsonObject meta, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiError.badRequest("INVALID_META", "metadata nests at most %d levels", MAX_DEPTH);
    }
    for (String key : meta.fieldNames()) {
      if (key.isEmpty() || key.contains(".") || key.startsWith("$") || key.indexOf('\0') >= 0) {
        throw ApiError.badRequest(
            "INVALID_META", "metadata keys may not be empty, contain '.' or start with '$'");
      }
      if (meta.getValue(key) instanceof JsonObject nested) {
        check(nested, depth + 1);
      }
    }
  }
}
