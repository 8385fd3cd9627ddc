package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection whose updates never change a stored document object. The
 * library applies an update by rewriting, key by key, the very document its query found in the map,
 * and then puts it back. That object is still referenced by H2's pages and by replies being
 * encoded, so H2's background writer (or the wire encoder) could meet it half-changed: a {@link
 * java.util.ConcurrentModificationException} there closed the whole store. Here an update's query
 * hands the library deep copies; the copy is changed and stored, and the old object stays as it was
 * for whoever still reads it.
 */
final class CopyOnUpdateH2Collection extends H2Collection {

  /** Set while this thread runs an update or findAndModify of some collection. */
  private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> false);

  CopyOnUpdateH2Collection(
      MongoDatabase database,
      String name,
      CollectionOptions options,
      MVMap<Object, Document> documents,
      MVMap<String, Object> meta,
      CursorRegistry cursors) {
    super(database, name, options, documents, meta, cursors);
  }

  @Override
  public Document updateDocuments(
      Document selector,
      Document update,
      ArrayFilters arrayFilters,
      boolean isMulti,
      boolean isUpsert,
      Oplog oplog) {
    boolean outer = !UPDATING.get();
    UPDATING.set(true);
    try {
      return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
    } finally {
      if (outer) {
        UPDATING.set(false);
      }
    }
  }

  @Override
  public Document findAndModify(Document query) {
    boolean outer = !UPDATING.get();
    UPDATING.set(true);
    try {
      return super.findAndModify(query);
    } finally {
      if (outer) {
        UPDATING.set(false);
      }
    }
  }

  @Override
  protected QueryResult queryDocuments(
      Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
    QueryResult found = super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
    if (!UPDATING.get()) {
      return found;
    }
    List<Document> copies = new ArrayList<>();
    for (Document document : found) {
      copies.add(document.cloneDeeply());
    }
    return new QueryResult(copies, found.getCursorId());
  }
}
