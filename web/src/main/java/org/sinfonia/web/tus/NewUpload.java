package org.sinfonia.web.tus;

import java.util.List;
import java.util.Map;
import org.sinfonia.core.upload.UploadState;

/**
 * A creation request, checked: who, how long ({@link UploadState#DEFERRED} if not yet known), the
 * metadata, the concatenation role and parts, and the folder the finished file goes into (null for
 * partial uploads).
 */
public record NewUpload(
    String owner,
    long length,
    Map<String, String> metadata,
    UploadState.Concat concat,
    List<String> parts,
    String targetFolderId) {

  public NewUpload {
    metadata = Map.copyOf(metadata);
    parts = List.copyOf(parts);
  }
}
