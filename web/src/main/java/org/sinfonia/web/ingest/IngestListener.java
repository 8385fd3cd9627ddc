package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.web.repo.Resource;

/**
 * Told about every file that entered the repository through any door, after it is recorded (the
 * DICOM index listens here). A listener's failure is logged and never undoes the store.
 */
public interface IngestListener {
  Future<Void> stored(Resource file, Ingested ingested);

  /**
   * Fields this listener wants on the file's document from its creation (the DICOM index's mark),
   * so that it need not write them after; null for none. Only {@link Registrar#registerAll} records
   * them.
   */
  default JsonObject fileFacts(Ingested ingested) {
    return null;
  }

  /**
   * A batch of files recorded together (a STOW-RS request, a run of zip entries). Listeners that
   * can do the batch's work in fewer database writes than one file at a time override this.
   */
  default Future<Void> storedAll(List<StoredFile> files) {
    return Future.join(files.stream().map(f -> stored(f.file(), f.ingested())).toList()).mapEmpty();
  }
}
