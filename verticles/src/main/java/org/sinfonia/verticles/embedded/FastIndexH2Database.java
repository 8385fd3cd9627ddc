package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database, with its unique indexes opened on {@link SerializedKeyType}
 * (same bytes, same order, far less CPU per lookup) and its collections' documents stored as BSON
 * ({@link BsonDocumentType}), in collections whose updates leave stored documents unchanged ({@link
 * CopyOnUpdateH2Collection}). The map names are the library's own ({@code databases.<namespace>},
 * {@code meta.<namespace>}, {@code <namespace>._index_<name>}), so an existing store opens as
 * before.
 */
final class FastIndexH2Database extends H2Database {

  private static final Constructor<H2UniqueIndex> UNIQUE_INDEX;
  private static final Field STORE;

  /** One for all databases: its memory of serialized keys is by key object. */
  private static final SerializedKeyType KEY_TYPE = new SerializedKeyType();

  private static final BsonDocumentType DOCUMENT_TYPE = new BsonDocumentType();

  static {
    try {
      // Package-private and private in mongo-java-server; the super constructor already opens
      // existing indexes
      // through openOrCreateUniqueIndex, before a field of this class could be set.
      UNIQUE_INDEX =
          H2UniqueIndex.class.getDeclaredConstructor(
              MVMap.class, String.class, List.class, boolean.class);
      UNIQUE_INDEX.setAccessible(true);
      STORE = H2Database.class.getDeclaredField("mvStore");
      STORE.setAccessible(true);
    } catch (NoSuchMethodException | NoSuchFieldException e) {
      throw new IllegalStateException("mongo-java-server's H2 backend changed", e);
    }
  }

  FastIndexH2Database(String name, MVStore store, CursorRegistry cursors) {
    super(name, store, cursors);
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collectionName, CollectionOptions options) {
    MVStore store = store();
    String namespace = getFullCollectionNamespace(collectionName);
    MVMap<Object, Document> documents =
        store.openMap(
            "databases." + namespace,
            new MVMap.Builder<Object, Document>().valueType(DOCUMENT_TYPE));
    MVMap<String, Object> meta = store.openMap("meta." + namespace);
    return new CopyOnUpdateH2Collection(
        this, collectionName, options, documents, meta, cursorRegistry);
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    try {
      MVMap<KeyValue, Object> map =
          store()
              .openMap(
                  getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                  new MVMap.Builder<KeyValue, Object>().keyType(KEY_TYPE));
      return UNIQUE_INDEX.newInstance(map, indexName, keys, sparse);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot open unique index " + indexName, e);
    }
  }

  private MVStore store() {
    try {
      return (MVStore) STORE.get(this);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("mongo-java-server's H2 backend changed", e);
    }
  }
}
