package org.sinfonia.web.tus;

import java.util.List;
import org.sinfonia.core.upload.UploadState;

/**
 * What a creation request's {@code Upload-Concat} asks for: nothing, a partial upload, or a final
 * one of parts.
 */
record ConcatRequest(UploadState.Concat kind, List<String> partIds) {

  static final ConcatRequest NONE = new ConcatRequest(UploadState.Concat.NONE, List.of());
  static final ConcatRequest PARTIAL = new ConcatRequest(UploadState.Concat.PARTIAL, List.of());

  ConcatRequest {
    partIds = List.copyOf(partIds);
  }
}
