package org.sinfonia.web.tus;

import io.vertx.core.Future;
import org.sinfonia.core.upload.UploadState;

/** The termination extension: an upload and its bytes can be deleted (a registered file stays). */
public interface TerminatingStore {
  Future<Void> terminate(UploadState upload);
}
