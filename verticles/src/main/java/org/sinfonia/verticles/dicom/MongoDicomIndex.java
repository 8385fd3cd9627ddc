package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.tree.FileEvents;
import org.sinfonia.web.ingest.IngestListener;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.repo.Resource;

/**
 * The Patient/Study/Series/Instance index. Every door's files arrive here through {@link IngestListener}
 * with their header already parsed; tree changes arrive through {@link FileEvents}. Summaries are kept with
 * {@code $inc}/{@code $addToSet} per folder part, so QIDO reads summaries, never instances, and every read
 * is filtered by the same reader tokens as the files.
 */
public final class MongoDicomIndex implements IngestListener, FileEvents {

  private static final UpdateOptions UPSERT = new UpdateOptions().setUpsert(true);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final DuplicatePolicy policy;
  private final long maxMetadataBytes;

  public MongoDicomIndex(Vertx vertx, MongoClient mongo, DuplicatePolicy policy, long maxMetadataBytes) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.policy = policy;
    this.maxMetadataBytes = maxMetadataBytes;
  }

  @Override
  public Future<Void> stored(Resource file, Ingested ingested) {
    Optional<DicomTap> tap = ingested.tap(DicomTap.class);
    if (tap.isEmpty()) {
      return Future.succeededFuture();
    }
    Optional<DicomHeader> header = tap.get().header();
    if (header.isEmpty()) {
      return markFile(file.id(), new JsonObject().put("indexed", false).put("reason", tap.get().reason()));
    }
    return vertx.executeBlocking(() -> InstanceRecord.of(header.get(), maxMetadataBytes), false)
        .compose(record -> index(file, record));
  }

  private Future<Void> index(Resource file, InstanceRecord record) {
    String sop = record.header().sopInstanceUid();
    return mongo.findOne(DicomCollections.INSTANCES, new JsonObject().put("_id", sop), null).compose(existing -> {
      if (existing != null && policy == DuplicatePolicy.KEEP_FIRST) {
        return markFile(file.id(), fileMark(record).put("indexed", false).put("duplicateOf", existing.getString("fileId")));
      }
      JsonObject doc = instanceDoc(file, record);
      if (existing != null && policy == DuplicatePolicy.KEEP_BOTH) {
        JsonArray versions = existing.getJsonArray("versions", new JsonArray().add(existing.getString("fileId")));
        doc.put("versions", versions.add(file.id()));
      }
      Future<Void> cleared = existing == null ? Future.succeededFuture() : removeFromParts(existing);
      return cleared
          .compose(v -> mongo.findOneAndReplaceWithOptions(DicomCollections.INSTANCES, new JsonObject().put("_id", sop),
              doc, new FindOptions(), UPSERT))
          .compose(v -> Future.all(addToParts(doc), markFile(file.id(), fileMark(record).put("indexed", true))))
          .mapEmpty();
    });
  }

  private static JsonObject fileMark(InstanceRecord r) {
    return new JsonObject().put("sopInstanceUid", r.header().sopInstanceUid())
        .put("studyInstanceUid", r.header().studyInstanceUid())
        .put("seriesInstanceUid", r.header().seriesInstanceUid());
  }

  private Future<Void> markFile(String fileId, JsonObject dicom) {
    return mongo.updateCollection(Collections.FILES, new JsonObject().put("_id", fileId),
        new JsonObject().put("$set", new JsonObject().put("dicom", dicom))).mapEmpty();
  }

  private JsonObject instanceDoc(Resource file, InstanceRecord r) {
    DicomHeader h = r.header();
    JsonObject doc = new JsonObject().put("_id", h.sopInstanceUid())
        .put("studyUid", h.studyInstanceUid()).put("seriesUid", h.seriesInstanceUid())
        .put("sopClassUid", h.sopClassUid())
        .put("transferSyntaxUid", h.transferSyntax() == null ? "" : h.transferSyntax().uid())
        .put("fileId", file.id()).put("sha256", file.doc().getString("sha256")).put("size", file.size())
        .put("folderId", file.folderId())
        .put("acl", file.doc().getJsonObject("acl")).put("readers", file.doc().getJsonArray("readers"))
        .put("modality", r.modality())
        .put("study", r.study()).put("series", r.series()).put("attrs", r.instance())
        .put("indexed", new JsonObject().put("$date", Instant.now().toString()));
    if (r.pixelData() != null) {
      doc.put("pixelData", r.pixelData());
    }
    if (r.metadataJson() != null) {
      doc.put("metadata", r.metadataJson());
    }
    return doc;
  }

  /** Counts an instance into its folder's series and study parts. */
  private Future<Void> addToParts(JsonObject inst) {
    String folderId = inst.getString("folderId");
    JsonObject access = new JsonObject().put("acl", inst.getJsonObject("acl")).put("readers", inst.getJsonArray("readers"));
    JsonObject series = new JsonObject()
        .put("$setOnInsert", new JsonObject().put("seriesUid", inst.getString("seriesUid"))
            .put("studyUid", inst.getString("studyUid")).put("folderId", folderId)
            .put("modality", inst.getString("modality")).put("attrs", inst.getJsonObject("series")))
        .put("$set", access)
        .put("$inc", new JsonObject().put("instances", 1L).put("version", 1L))
        .put("$addToSet", new JsonObject().put("instanceUids", inst.getString("_id")));
    JsonObject addToSet = new JsonObject().put("series", inst.getString("seriesUid"));
    if (!inst.getString("modality", "").isEmpty()) {
      addToSet.put("modalities", inst.getString("modality"));
    }
    JsonObject study = new JsonObject()
        .put("$setOnInsert", new JsonObject().put("studyUid", inst.getString("studyUid")).put("folderId", folderId)
            .put("attrs", inst.getJsonObject("study")))
        .put("$set", access)
        .put("$inc", new JsonObject().put("instances", 1L).put("version", 1L))
        .put("$addToSet", addToSet);
    // The two parts are separate documents: updated at once (one round trip of latency, not two).
    return Future.all(mongo.updateCollectionWithOptions(DicomCollections.SERIES,
            new JsonObject().put("_id", DicomCollections.partId(folderId, inst.getString("seriesUid"))), series, UPSERT),
        mongo.updateCollectionWithOptions(DicomCollections.STUDIES,
            new JsonObject().put("_id", DicomCollections.partId(folderId, inst.getString("studyUid"))), study, UPSERT))
        .compose(x -> studiesChanged());
  }

  /** Tells every node's study-part cache that a study part changed (after the change, never before). */
  private Future<Void> studiesChanged() {
    return mongo.updateCollectionWithOptions(DicomCollections.META,
        new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID),
        new JsonObject().put("$inc", new JsonObject().put("version", 1L)), UPSERT).mapEmpty();
  }

  /** Counts an instance out of its parts, dropping parts that become empty. */
  private Future<Void> removeFromParts(JsonObject inst) {
    String folderId = inst.getString("folderId");
    String seriesId = DicomCollections.partId(folderId, inst.getString("seriesUid"));
    String studyId = DicomCollections.partId(folderId, inst.getString("studyUid"));
    JsonObject minusOne = new JsonObject().put("$inc", new JsonObject().put("instances", -1L).put("version", 1L))
        .put("$pull", new JsonObject().put("instanceUids", inst.getString("_id")));
    return mongo.findOneAndUpdateWithOptions(DicomCollections.SERIES, new JsonObject().put("_id", seriesId), minusOne,
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .compose(series -> series != null && series.getLong("instances", 0L) <= 0
            ? mongo.removeDocument(DicomCollections.SERIES, new JsonObject().put("_id", seriesId))
                .compose(x -> dropSeriesFromStudy(folderId, inst.getString("studyUid"), inst.getString("seriesUid")))
            : Future.<Void>succeededFuture())
        .compose(x -> mongo.findOneAndUpdateWithOptions(DicomCollections.STUDIES, new JsonObject().put("_id", studyId),
            new JsonObject().put("$inc", new JsonObject().put("instances", -1L).put("version", 1L)), new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true)))
        .compose(study -> study != null && study.getLong("instances", 0L) <= 0
            ? mongo.removeDocument(DicomCollections.STUDIES, new JsonObject().put("_id", studyId)).mapEmpty()
            : Future.<Void>succeededFuture())
        .compose(x -> studiesChanged());
  }

  /** A series part is gone: the study part forgets it and recomputes its modalities from the series left. */
  private Future<Void> dropSeriesFromStudy(String folderId, String studyUid, String seriesUid) {
    return mongo.find(DicomCollections.SERIES, new JsonObject().put("folderId", folderId).put("studyUid", studyUid))
        .compose(remaining -> {
          JsonArray modalities = new JsonArray();
          remaining.stream().map(s -> s.getString("modality", "")).filter(m -> !m.isEmpty()).distinct()
              .forEach(modalities::add);
          return mongo.updateCollection(DicomCollections.STUDIES,
              new JsonObject().put("_id", DicomCollections.partId(folderId, studyUid)),
              new JsonObject().put("$pull", new JsonObject().put("series", seriesUid))
                  .put("$set", new JsonObject().put("modalities", modalities))).mapEmpty();
        });
  }

  @Override
  public Future<Void> removed(List<Resource> files) {
    Future<Void> chain = Future.succeededFuture();
    for (Resource f : files) {
      JsonObject mark = f.doc().getJsonObject("dicom");
      if (mark == null || !mark.getBoolean("indexed", false)) {
        continue;
      }
      String sop = mark.getString("sopInstanceUid");
      chain = chain.compose(v -> mongo.findOne(DicomCollections.INSTANCES, new JsonObject().put("_id", sop), null))
          .compose(inst -> inst == null || !f.id().equals(inst.getString("fileId")) ? Future.<Void>succeededFuture()
              : mongo.removeDocument(DicomCollections.INSTANCES, new JsonObject().put("_id", sop))
                  .compose(x -> removeFromParts(inst)));
    }
    return chain;
  }

  @Override
  public Future<Void> relocated(List<String> fileIds) {
    if (fileIds.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject query = new JsonObject().put("fileId", new JsonObject().put("$in", new JsonArray(fileIds)));
    return mongo.find(DicomCollections.INSTANCES, query).compose(instances -> {
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject inst : instances) {
        chain = chain.compose(v -> mongo.findOne(Collections.FILES, new JsonObject().put("_id", inst.getString("fileId")),
                null))
            .compose(file -> file == null || file.getString("folderId").equals(inst.getString("folderId"))
                ? Future.<Void>succeededFuture()
                : removeFromParts(inst).compose(x -> {
                  JsonObject moved = inst.copy().put("folderId", file.getString("folderId"))
                      .put("acl", file.getJsonObject("acl")).put("readers", file.getJsonArray("readers"));
                  return mongo.findOneAndReplaceWithOptions(DicomCollections.INSTANCES,
                          new JsonObject().put("_id", inst.getString("_id")), moved, new FindOptions(), UPSERT)
                      .compose(y -> addToParts(moved));
                }));
      }
      return chain;
    });
  }

  @Override
  public Future<Void> accessChanged(List<String> folderIds, JsonObject access) {
    if (folderIds.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject query = new JsonObject().put("folderId", new JsonObject().put("$in", new JsonArray(folderIds)));
    JsonObject set = new JsonObject().put("$set", access);
    UpdateOptions multi = new UpdateOptions().setMulti(true);
    List<Future<?>> updates = new ArrayList<>();
    for (String c : List.of(DicomCollections.INSTANCES, DicomCollections.SERIES, DicomCollections.STUDIES)) {
      updates.add(mongo.updateCollectionWithOptions(c, query, set, multi));
    }
    return Future.all(updates).compose(x -> studiesChanged());
  }
}
