package org.sinfonia.web.tus;

import java.util.List;
import java.util.Map;
import org.sinfonia.core.upload.UploadState;

/**
 * A creation request after its access check: the decoded metadata, the concatenation role, the
 * target folder's id (WRITE checked; null for a partial upload, whose bytes only ever become part
 * of a final one) and, for a final upload, its parts (all the caller's own).
 */
record CreationRequest(
    Map<String, String> metadata, ConcatRequest concat, String targetId, List<UploadState> parts) {

  CreationRequest {
    metadata = Map.copyOf(metadata);
    parts = List.copyOf(parts);
  }
}
