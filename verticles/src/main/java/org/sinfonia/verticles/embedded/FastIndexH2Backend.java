package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend whose databases open their unique indexes with {@link
 * SerializedKeyType}.
 */
final class FastIndexH2Backend extends H2Backend {

  FastIndexH2Backend(String file) {
    super(file);
  }

  FastIndexH2Backend(MVStore store) {
    super(store);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new FastIndexH2Database(databaseName, getMvStore(), getCursorRegistry());
  }
}
