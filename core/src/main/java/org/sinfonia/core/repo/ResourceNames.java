package org.sinfonia.core.repo;

import java.nio.charset.StandardCharsets;
import org.sinfonia.core.error.ApiError;

/**
 * Names of collections, folders, items and files: what a path segment on any file system can hold.
 */
public final class ResourceNames {

  public static final int MAX_BYTES = 255;

  private ResourceNames() {}

  public static String require(String name) {
    if (name == null || name.isBlank()) {
      throw ApiError.badRequest("INVALID_NAME", "a name is required");
    }
    String trimmed = name.strip();
    if (trimmed.equals(".") || trimmed.equals("..")) {
      throw ApiError.badRequest("INVALID_NAME", "'.' and '..' are not names");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c == '/' || c == '\\' || c == 0 || Character.isISOControl(c)) {
        throw ApiError.badRequest(
            "INVALID_NAME", "names may not contain '/', '\\\\', NUL or control characters");
      }
    }
    if (trimmed.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiError.badRequest("INVALID_NAME", "names are at most %d bytes in UTF-8", MAX_BYTES);
    }
    return trimmed;
  }
}
