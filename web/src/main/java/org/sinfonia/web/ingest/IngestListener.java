package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import org.sinfonia.web.repo.Resource;

/**
 * Told about every file that entered the repository through any door, after it is recorded (the DICOM
 * index listens here). A listener's failure is logged and never undoes the store.
 */
public interface IngestListener {
  Future<Void> stored(Resource file, Ingested ingested);
}
