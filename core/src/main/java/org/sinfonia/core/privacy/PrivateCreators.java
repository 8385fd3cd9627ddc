package org.sinfonia.core.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers private creators per dataset (path of items) so that a private element (gggg,xxee) can
 * be attributed to the creator declared in (gggg,00xx) of the same dataset.
 */
final class PrivateCreators {

  private final Map<String, String> creators = new HashMap<>();

  void record(List<PathStep> path, int creatorTag, String creator) {
    creators.put(key(path, creatorTag >>> 16, creatorTag & 0xFF), creator == null ? "" : creator);
  }

  /** The creator of the block a private data element belongs to, or null if none was declared. */
  String creatorOf(List<PathStep> path, int tag) {
    int block = (tag & 0xFF00) >>> 8;
    return creators.get(key(path, tag >>> 16, block));
  }

  private static String key(List<PathStep> path, int group, int block) {
    StringBuilder b = new StringBuilder();
    for (PathStep s : path) {
      b.append(s.tag()).append('.').append(s.item()).append('/');
    }
    return b.append(group).append(':').append(block).toString();
  }
}
