package org.sinfonia.web.tus;

import io.vertx.core.Future;
import java.util.List;
import org.sinfonia.core.upload.UploadState;

/**
 * The concatenation extension: a final upload made of complete partial uploads, in order. The final
 * upload has all its bytes when this completes; the parts are consumed.
 */
public interface ConcatenatingStore {
  Future<UploadState> concatenate(NewUpload finalUpload, List<UploadState> parts);
}
