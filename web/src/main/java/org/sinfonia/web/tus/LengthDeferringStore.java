package org.sinfonia.web.tus;

import io.vertx.core.Future;
import org.sinfonia.core.upload.UploadState;

/** The creation-defer-length extension: the length is declared by a later PATCH. */
public interface LengthDeferringStore {
  Future<UploadState> declareLength(UploadState upload, long length);
}
