package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** mongo-java-server's H2 backend whose databases open their unique indexes with {@link SerializedKeyType}. */
final class FastIndexH2Backend extends H2Backend {

  FastIndexH2Backend(String file) {
    super(file);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new FastIndexH2Database(databaseName, getMvStore(), getCursorRegistry());
  }
}
