package org.sinfonia.core.upload;

import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceNames;

/**
 * The folders a file of a browser folder drop sits in, from its {@code relativePath} ({@code
 * scan/ct/1.dcm}, as Uppy and tus-js-client send it): every segment but a last one naming the file
 * itself. Each segment must be a valid resource name, so a path can never climb out of the target
 * folder.
 */
public final class RelativePath {

  /**
   * Deep enough for real studies, shallow enough that one upload cannot create a tree of its own.
   */
  public static final int MAX_DEPTH = 32;

  private RelativePath() {}

  public static List<String> folders(String relativePath, String filename) {
    if (relativePath == null || relativePath.isBlank()) {
      return List.of();
    }
    List<String> segments = new ArrayList<>();
    for (String s : relativePath.replace('\\', '/').split("/")) {
      if (!s.isEmpty()) {
        segments.add(requireSegment(s));
      }
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).equals(filename)) {
      segments.remove(segments.size() - 1);
    }
    if (segments.size() > MAX_DEPTH) {
      throw ApiError.badRequest(
          "INVALID_RELATIVE_PATH", "relativePath is deeper than %d folders", MAX_DEPTH);
    }
    return List.copyOf(segments);
  }

  private static String requireSegment(String s) {
    try {
      return ResourceNames.require(s);
    } catch (ApiError e) {
      throw ApiError.badRequest(
          "INVALID_RELATIVE_PATH", "relativePath segment '%s': %s", s, e.getMessage());
    }
  }
}
