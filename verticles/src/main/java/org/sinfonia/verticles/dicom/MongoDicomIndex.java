package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.verticles.tree.FileEvents;
import org.sinfonia.web.ingest.IngestListener;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.ingest.StoredFile;
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

  /**
   * A batch: instances new to the index are written with one bulk replace, one upsert per series and study part
   * touched, one bulk of file marks and one version bump. Those already indexed, or repeated within the batch,
   * then follow one by one the path of {@link #stored} (the duplicate policy decides).
   */
  @Override
  public Future<Void> storedAll(List<StoredFile> files) {
    List<StoredFile> parsed = new ArrayList<>();
    List<BulkOperation> unparsed = new ArrayList<>();
    for (StoredFile f : files) {
      Optional<DicomTap> tap = f.ingested().tap(DicomTap.class);
      if (tap.isPresent() && tap.get().header().isPresent()) {
        parsed.add(f);
      } else if (tap.isPresent()) {
        unparsed.add(markOp(f.file().id(), new JsonObject().put("indexed", false).put("reason", tap.get().reason())));
      }
    }
    Future<Void> marked = markFiles(unparsed);
    if (parsed.isEmpty()) {
      return marked;
    }
    return vertx.executeBlocking(() -> parsed.stream().map(f -> InstanceRecord.of(
            f.ingested().tap(DicomTap.class).flatMap(DicomTap::header).orElseThrow(), maxMetadataBytes)).toList(), false)
        .compose(records -> {
          JsonArray sops = new JsonArray(records.stream().map(r -> r.header().sopInstanceUid()).distinct().toList());
          return mongo.findWithOptions(DicomCollections.INSTANCES,
                  new JsonObject().put("_id", new JsonObject().put("$in", sops)),
                  new FindOptions().setFields(new JsonObject().put("_id", 1)))
              .compose(existing -> {
                Set<String> known = new HashSet<>();
                existing.forEach(d -> known.add(d.getString("_id")));
                List<JsonObject> fresh = new ArrayList<>();
                List<Integer> again = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                  if (known.add(records.get(i).header().sopInstanceUid())) {
                    fresh.add(instanceDoc(parsed.get(i).file(), records.get(i)));
                  } else {
                    again.add(i);
                  }
                }
                Future<Void> chain = indexNew(fresh);
                for (int i : again) {
                  chain = chain.compose(v -> index(parsed.get(i).file(), records.get(i)));
                }
                return chain;
              });
        })
        .compose(v -> marked);
  }

  private Future<Void> indexNew(List<JsonObject> docs) {
    if (docs.isEmpty()) {
      return Future.succeededFuture();
    }
    List<BulkOperation> replaces = docs.stream().map(d -> BulkOperation.createReplace(
        new JsonObject().put("_id", d.getString("_id")), d, true)).toList();
    List<BulkOperation> marks = docs.stream().map(d -> markOp(d.getString("fileId"), new JsonObject()
        .put("sopInstanceUid", d.getString("_id")).put("studyInstanceUid", d.getString("studyUid"))
        .put("seriesInstanceUid", d.getString("seriesUid")).put("indexed", true))).toList();
    return mongo.bulkWriteWithOptions(DicomCollections.INSTANCES, replaces, new BulkWriteOptions().setOrdered(false))
        .compose(r -> Future.all(addToParts(docs), markFiles(marks)))
        .mapEmpty();
  }

  private static BulkOperation markOp(String fileId, JsonObject dicom) {
    return BulkOperation.createUpdate(new JsonObject().put("_id", fileId),
        new JsonObject().put("$set", new JsonObject().put("dicom", dicom)), false, false);
  }

  private Future<Void> markFiles(List<BulkOperation> marks) {
    return marks.isEmpty() ? Future.succeededFuture()
        : mongo.bulkWriteWithOptions(Collections.FILES, marks, new BulkWriteOptions().setOrdered(false)).mapEmpty();
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
          .compose(v -> Future.all(addToParts(List.of(doc)), markFile(file.id(), fileMark(record).put("indexed", true))))
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

  /**
   * Counts instances into their folders' series and study parts: one upsert per part touched, however many
   * of the instances it gains, then one bump of the study-part version.
   */
  private Future<Void> addToParts(List<JsonObject> instances) {
    Map<String, List<JsonObject>> bySeries = new LinkedHashMap<>();
    Map<String, List<JsonObject>> byStudy = new LinkedHashMap<>();
    for (JsonObject inst : instances) {
      String folderId = inst.getString("folderId");
      bySeries.computeIfAbsent(DicomCollections.partId(folderId, inst.getString("seriesUid")), k -> new ArrayList<>())
          .add(inst);
      byStudy.computeIfAbsent(DicomCollections.partId(folderId, inst.getString("studyUid")), k -> new ArrayList<>())
          .add(inst);
    }
    List<Future<?>> updates = new ArrayList<>();
    bySeries.forEach((id, insts) -> updates.add(mongo.updateCollectionWithOptions(DicomCollections.SERIES,
        new JsonObject().put("_id", id), seriesUpdate(insts), UPSERT)));
    byStudy.forEach((id, insts) -> updates.add(mongo.updateCollectionWithOptions(DicomCollections.STUDIES,
        new JsonObject().put("_id", id), studyUpdate(insts), UPSERT)));
    // The parts are separate documents: updated at once (one round trip of latency, not one per part).
    return Future.all(updates).compose(x -> studiesChanged());
  }

  private static JsonObject accessOf(List<JsonObject> instances) {
    JsonObject last = instances.get(instances.size() - 1);
    return new JsonObject().put("acl", last.getJsonObject("acl")).put("readers", last.getJsonArray("readers"));
  }

  /** Instances of one series part (one folder, one series). */
  private static JsonObject seriesUpdate(List<JsonObject> instances) {
    JsonObject first = instances.get(0);
    JsonArray uids = new JsonArray(instances.stream().map(i -> i.getString("_id")).distinct().toList());
    return new JsonObject()
        .put("$setOnInsert", new JsonObject().put("seriesUid", first.getString("seriesUid"))
            .put("studyUid", first.getString("studyUid")).put("folderId", first.getString("folderId"))
            .put("modality", first.getString("modality")).put("attrs", first.getJsonObject("series")))
        .put("$set", accessOf(instances))
        .put("$inc", new JsonObject().put("instances", (long) instances.size()).put("version", 1L))
        .put("$addToSet", new JsonObject().put("instanceUids", new JsonObject().put("$each", uids)));
  }

  /** Instances of one study part (one folder, one study). */
  private static JsonObject studyUpdate(List<JsonObject> instances) {
    JsonObject first = instances.get(0);
    JsonArray series = new JsonArray(instances.stream().map(i -> i.getString("seriesUid")).distinct().toList());
    JsonArray modalities = new JsonArray(instances.stream().map(i -> i.getString("modality", ""))
        .filter(m -> !m.isEmpty()).distinct().toList());
    JsonObject addToSet = new JsonObject().put("series", new JsonObject().put("$each", series));
    if (!modalities.isEmpty()) {
      addToSet.put("modalities", new JsonObject().put("$each", modalities));
    }
    return new JsonObject()
        .put("$setOnInsert", new JsonObject().put("studyUid", first.getString("studyUid"))
            .put("folderId", first.getString("folderId")).put("attrs", first.getJsonObject("study")))
        .put("$set", accessOf(instances))
        .put("$inc", new JsonObject().put("instances", (long) instances.size()).put("version", 1L))
        .put("$addToSet", addToSet);
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
                      .compose(y -> addToParts(List.of(moved)));
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
