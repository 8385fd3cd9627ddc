package org.sinfonia.verticles.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the indexes the service needs, idempotently, at start-up. They are designed for a real
 * MongoDB; the embedded server honours only the unique ones, which is why hot paths are keyed by
 * {@code _id}.
 */
public final class MongoIndexes {

  private record Index(String collection, JsonObject keys, IndexOptions options) {}

  private static final List<Index> INDEXES =
      List.of(
          new Index(
              Collections.SESSIONS,
              new JsonObject().put("expiresAt", 1),
              new IndexOptions().name("sessions_ttl").expireAfter(0L, TimeUnit.SECONDS)),
          new Index(
              Collections.SESSIONS,
              new JsonObject().put("login", 1),
              new IndexOptions().name("sessions_login")),
          // Sibling names are unique per parent; the embedded store enforces this one too.
          unique(Collections.COLLECTIONS, "siblingKey"),
          unique(Collections.FOLDERS, "siblingKey"),
          unique(Collections.ITEMS, "siblingKey"),
          unique(Collections.FILES, "siblingKey"),
          // For a real MongoDB: listings, subtree walks, readable filters and search.
          plain(Collections.COLLECTIONS, new JsonObject().put("readers", 1).put("nameLower", 1)),
          plain(Collections.FOLDERS, new JsonObject().put("parentId", 1).put("nameLower", 1)),
          plain(Collections.FOLDERS, new JsonObject().put("ancestors", 1)),
          plain(Collections.FOLDERS, new JsonObject().put("collectionId", 1)),
          plain(Collections.ITEMS, new JsonObject().put("folderId", 1).put("nameLower", 1)),
          plain(Collections.FILES, new JsonObject().put("itemId", 1)),
          plain(Collections.FILES, new JsonObject().put("folderId", 1)),
          plain(Collections.COLLECTIONS, new JsonObject().put("tokens", 1)),
          plain(Collections.FOLDERS, new JsonObject().put("tokens", 1)),
          plain(Collections.ITEMS, new JsonObject().put("tokens", 1)),
          plain(Collections.FILES, new JsonObject().put("tokens", 1)),
          plain("dicom_instances", new JsonObject().put("fileId", 1)),
          plain("dicom_instances", new JsonObject().put("seriesUid", 1)),
          plain("dicom_instances", new JsonObject().put("folderId", 1)),
          // The search API's DICOM filters start from the instances (patient ID, modality, study
          // date).
          plain("dicom_instances", new JsonObject().put("study.00100020.Value", 1)),
          plain("dicom_instances", new JsonObject().put("modality", 1)),
          plain("dicom_instances", new JsonObject().put("study.00080020.Value", 1)),
          plain("dicom_series", new JsonObject().put("studyUid", 1).put("folderId", 1)),
          plain("dicom_series", new JsonObject().put("readers", 1)),
          // An RT Structure Set's preview looks its referenced CT series up by UID.
          plain("dicom_series", new JsonObject().put("seriesUid", 1)),
          plain("dicom_studies", new JsonObject().put("studyUid", 1)),
          plain("dicom_studies", new JsonObject().put("readers", 1)),
          plain("dicom_studies", new JsonObject().put("folderId", 1)),
          plain(Collections.AUDIT, new JsonObject().put("at", -1)),
          plain(Collections.AUDIT, new JsonObject().put("user", 1).put("at", -1)),
          plain(Collections.AUDIT, new JsonObject().put("resourceId", 1).put("at", -1)),
          // Two submissions racing for the same version of a model: one wins.
          unique(Collections.MODELS, "versionKey"),
          plain(Collections.MODELS, new JsonObject().put("lineage", 1).put("version", -1)),
          plain(Collections.MODELS, new JsonObject().put("submitter", 1).put("nameKey", 1)),
          plain(Collections.MODELS, new JsonObject().put("status", 1).put("created", -1)),
          // The periodic purge of expired uploads (the embedded server scans; uploads are few).
          plain(Collections.UPLOADS, new JsonObject().put("expiresAt", 1)));

  private static Index unique(String collection, String field) {
    return new Index(
        collection,
        new JsonObject().put(field, 1),
        new IndexOptions().name(field + "_unique").unique(true));
  }

  private static Index plain(String collection, JsonObject keys) {
    return new Index(
        collection, keys, new IndexOptions().name(String.join("_", keys.fieldNames())));
  }

  private MongoIndexes() {}

  public static Future<Void> ensure(MongoClient mongo) {
    Future<Void> chain = Future.succeededFuture();
    for (Index index : INDEXES) {
      chain =
          chain.compose(
              v -> mongo.createIndexWithOptions(index.collection(), index.keys(), index.options()));
    }
    return chain;
  }
}
