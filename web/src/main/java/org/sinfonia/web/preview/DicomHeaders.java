package org.sinfonia.web.preview;

import io.vertx.core.Future;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.web.repo.Resource;

/**
 * A stored DICOM file's header (file meta included, bulk values and pixel data located, not read),
 * as the renderer needs it. Fails with {@code 415 NOT_DICOM} when the file has none.
 */
public interface DicomHeaders {

  Future<DicomDataset> of(Resource file);
}
