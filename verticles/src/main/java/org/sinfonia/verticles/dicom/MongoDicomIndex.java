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
import java.util.Collection;
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
 * The Patient/Study/Series/Instance index. Every door's files arrive here through {@link
 * IngestListener} with their header already parsed; tree changes arrive through {@link FileEvents}.
 * Summaries are kept with {@code $inc}/{@code $addToSet} per folder part, so QIDO reads summaries,
 * never instances, and every read is filtered by the same reader tokens as the files.
 */
public final class MongoDicomIndex implements IngestListener, FileEvents {

  private static final UpdateOptions UPSERT = new UpdateOptions().setUpsert(true);

  /**
   * Study parts an access change lists for other nodes to read again; beyond, they read every part.
   */
  private static final int MAX_LISTED_PARTS = 256;

  private final Vertx vertx;
  private final MongoClient mongo;
  private final DuplicatePolicy policy;
  private final long maxMetadataBytes;

  public MongoDicomIndex(
      Vertx vertx, MongoClient mongo, DuplicatePolicy policy, long maxMetadataBytes) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.policy = policy;
    this.maxMetadataBytes = maxMetadataBytes;
  }

  /**
   * The file's DICOM mark, written with the file itself: what the index will say of it when nothing
   * else claims its SOP Instance UID. The index then writes the mark again only when it says
   * otherwise (a duplicate kept out). A crash before the index write leaves a file marked indexed
   * that the index lacks, as before it left an unmarked one: either way the file is there and its
   * instance is missing from the index until stored again.
   */
  @Override
  public JsonObject fileFacts(Ingested ingested) {
    Optional<DicomTap> tap = ingested.tap(DicomTap.class);
    if (tap.isEmpty()) {
      return null;
    }
    Optional<DicomHeader> header = tap.get().header();
    return new JsonObject()
        .put(
            "dicom",
            header.isPresent()
                ? fileMark(header.get()).put("indexed", true)
                : unparsedMark(tap.get()));
  }

  private static JsonObject unparsedMark(DicomTap tap) {
    return new JsonObject().put("indexed", false).put("reason", tap.reason());
  }

  @Override
  public Future<Void> stored(Resource file, Ingested ingested) {
    Optional<DicomTap> tap = ingested.tap(DicomTap.class);
    if (tap.isEmpty()) {
      return Future.succeededFuture();
    }
    Optional<DicomHeader> header = tap.get().header();
    if (header.isEmpty()) {
      return markFile(file, unparsedMark(tap.get()));
    }
    return vertx
        .executeBlocking(() -> InstanceRecord.of(header.get(), maxMetadataBytes), false)
        .compose(record -> index(file, record));
  }

  /**
   * Indexes a stored file again from its header, read anew: for a file registered as indexed DICOM
   * whose index writes a crash cut off ({@link DicomReindexer}). An instance the index holds by
   * then is left as it is.
   */
  Future<Void> reindex(Resource file, DicomHeader header) {
    return mongo
        .findOne(
            DicomCollections.INSTANCES,
            new JsonObject().put("_id", header.sopInstanceUid()),
            new JsonObject().put("_id", 1))
        .compose(
            existing ->
                existing != null
                    ? Future.<Void>succeededFuture()
                    : vertx
                        .executeBlocking(() -> InstanceRecord.of(header, maxMetadataBytes), false)
                        .compose(record -> index(file, record)));
  }

  /**
   * A batch: instances new to the index are written with one bulk insert, one upsert per series and
   * study part touched and one version bump (their files already carry their mark). Those the index
   * already holds (their insert fails), or repeated within the batch, then follow one by one the
   * path of {@link #stored}, where the duplicate policy decides.
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
        markOp(f.file(), unparsedMark(tap.get())).ifPresent(unparsed::add);
      }
    }
    Future<Void> marked = markFiles(unparsed);
    if (parsed.isEmpty()) {
      return marked;
    }
    return vertx
        .executeBlocking(
            () ->
                parsed.stream()
                    .map(
                        f ->
                            InstanceRecord.of(
                                f.ingested()
                                    .tap(DicomTap.class)
                                    .flatMap(DicomTap::header)
                                    .orElseThrow(),
                                maxMetadataBytes))
                    .toList(),
            false)
        .compose(
            records -> {
              // The same instance twice in the batch: the first goes in the bulk insert, the others
              // after it, one by one.
              Set<String> seen = new HashSet<>();
              List<Resource> fresh = new ArrayList<>();
              List<InstanceRecord> freshRecords = new ArrayList<>();
              List<Integer> again = new ArrayList<>();
              for (int i = 0; i < records.size(); i++) {
                if (seen.add(records.get(i).header().sopInstanceUid())) {
                  fresh.add(parsed.get(i).file());
                  freshRecords.add(records.get(i));
                } else {
                  again.add(i);
                }
              }
              Future<Void> chain = indexNew(fresh, freshRecords);
              for (int i : again) {
                chain = chain.compose(v -> index(parsed.get(i).file(), records.get(i)));
              }
              return chain;
            })
        .compose(v -> marked);
  }

  /**
   * Instances, each new to the batch: inserted in one unordered bulk write. One the index already
   * holds (or that another request inserted meanwhile) fails there and takes the one-by-one path.
   */
  private Future<Void> indexNew(List<Resource> files, List<InstanceRecord> records) {
    if (files.isEmpty()) {
      return Future.succeededFuture();
    }
    List<JsonObject> docs = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      docs.add(instanceDoc(files.get(i), records.get(i)));
    }
    List<BulkOperation> inserts = docs.stream().map(BulkOperation::createInsert).toList();
    return mongo
        .bulkWriteWithOptions(
            DicomCollections.INSTANCES, inserts, new BulkWriteOptions().setOrdered(false))
        .map(r -> docs)
        .recover(e -> insertedOf(docs))
        .compose(
            inserted -> {
              Set<String> in = new HashSet<>();
              inserted.forEach(d -> in.add(d.getString("_id")));
              List<BulkOperation> marks = new ArrayList<>();
              Future<Void> late = Future.succeededFuture();
              for (int i = 0; i < files.size(); i++) {
                Resource file = files.get(i);
                InstanceRecord record = records.get(i);
                if (in.contains(docs.get(i).getString("_id"))) {
                  markOp(file, fileMark(record.header()).put("indexed", true))
                      .ifPresent(marks::add);
                } else {
                  late = late.compose(v -> index(file, record));
                }
              }
              Future<Void> lateOnes = late;
              return Future.all(addToParts(inserted), markFiles(marks)).compose(v -> lateOnes);
            })
        .mapEmpty();
  }

  /** After a failed bulk insert: those of {@code docs} whose document is there and is theirs. */
  private Future<List<JsonObject>> insertedOf(List<JsonObject> docs) {
    JsonArray ids = new JsonArray(docs.stream().map(d -> d.getString("_id")).toList());
    return mongo
        .findWithOptions(
            DicomCollections.INSTANCES,
            new JsonObject().put("_id", new JsonObject().put("$in", ids)),
            new FindOptions().setFields(new JsonObject().put("fileId", 1)))
        .map(
            found -> {
              Set<String> ours = new HashSet<>();
              found.forEach(d -> ours.add(d.getString("_id") + " " + d.getString("fileId")));
              return docs.stream()
                  .filter(d -> ours.contains(d.getString("_id") + " " + d.getString("fileId")))
                  .toList();
            });
  }

  /**
   * Sets a file's mark, unless its document already carries exactly that one (written with the
   * file).
   */
  private static Optional<BulkOperation> markOp(Resource file, JsonObject dicom) {
    if (dicom.equals(file.asFile().dicom())) {
      return Optional.empty();
    }
    return Optional.of(
        BulkOperation.createUpdate(
            new JsonObject().put("_id", file.id()),
            new JsonObject().put("$set", new JsonObject().put("dicom", dicom)),
            false,
            false));
  }

  private Future<Void> markFiles(List<BulkOperation> marks) {
    return marks.isEmpty()
        ? Future.succeededFuture()
        : mongo
            .bulkWriteWithOptions(
                Collections.FILES, marks, new BulkWriteOptions().setOrdered(false))
            .mapEmpty();
  }

  private Future<Void> index(Resource file, InstanceRecord record) {
    String sop = record.header().sopInstanceUid();
    return mongo
        .findOne(DicomCollections.INSTANCES, new JsonObject().put("_id", sop), null)
        .compose(
            existing -> {
              if (existing != null && policy == DuplicatePolicy.KEEP_FIRST) {
                return markFile(
                    file,
                    fileMark(record.header())
                        .put("indexed", false)
                        .put("duplicateOf", existing.getString("fileId")));
              }
              JsonObject doc = instanceDoc(file, record);
              if (existing != null && policy == DuplicatePolicy.KEEP_BOTH) {
                JsonArray versions =
                    existing.getJsonArray(
                        "versions", new JsonArray().add(existing.getString("fileId")));
                doc.put("versions", versions.add(file.id()));
              }
              Future<Void> cleared =
                  existing == null ? Future.succeededFuture() : removeFromParts(existing);
              return cleared
                  .compose(
                      v ->
                          mongo.findOneAndReplaceWithOptions(
                              DicomCollections.INSTANCES,
                              new JsonObject().put("_id", sop),
                              doc,
                              new FindOptions(),
                              UPSERT))
                  .compose(
                      v ->
                          Future.all(
                              addToParts(List.of(doc)),
                              markFile(file, fileMark(record.header()).put("indexed", true))))
                  .mapEmpty();
            });
  }

  private static JsonObject fileMark(DicomHeader h) {
    JsonObject mark =
        new JsonObject()
            .put("sopInstanceUid", h.sopInstanceUid())
            .put("studyInstanceUid", h.studyInstanceUid())
            .put("seriesInstanceUid", h.seriesInstanceUid());
    return h.warnings().isEmpty() ? mark : mark.put("warnings", warnings(h));
  }

  /**
   * What the file does that is tolerated (a file meta naming another instance...), kept with the
   * file and index.
   */
  private static JsonArray warnings(DicomHeader h) {
    JsonArray out = new JsonArray();
    h.warnings()
        .forEach(
            w ->
                out.add(new JsonObject().put("kind", w.kind().name()).put("message", w.message())));
    return out;
  }

  private Future<Void> markFile(Resource file, JsonObject dicom) {
    return markOp(file, dicom).map(op -> markFiles(List.of(op))).orElse(Future.succeededFuture());
  }

  private JsonObject instanceDoc(Resource file, InstanceRecord r) {
    DicomHeader h = r.header();
    JsonObject doc =
        new JsonObject()
            .put("_id", h.sopInstanceUid())
            .put("studyUid", h.studyInstanceUid())
            .put("seriesUid", h.seriesInstanceUid())
            .put("sopClassUid", h.sopClassUid())
            .put("transferSyntaxUid", h.transferSyntax() == null ? "" : h.transferSyntax().uid())
            .put("fileId", file.id())
            .put("sha256", file.asFile().sha256())
            .put("size", file.size())
            .put("folderId", file.folderId())
            .put("acl", file.doc().getJsonObject("acl"))
            .put("readers", file.doc().getJsonArray("readers"))
            .put("modality", r.modality())
            .put("study", r.study())
            .put("series", r.series())
            .put("attrs", r.instance())
            .put("indexed", new JsonObject().put("$date", Instant.now().toString()));
    if (!h.warnings().isEmpty()) {
      doc.put("warnings", warnings(h));
    }
    if (r.pixelData() != null) {
      doc.put("pixelData", r.pixelData());
    }
    if (r.metadataJson() != null) {
      doc.put("metadata", r.metadataJson());
    }
    return doc;
  }

  /**
   * Counts instances into their folders' series and study parts: one upsert per part touched,
   * however many of the instances it gains, then one bump of the study-part version.
   */
  private Future<Void> addToParts(List<JsonObject> instances) {
    Map<String, List<JsonObject>> bySeries = new LinkedHashMap<>();
    Map<String, List<JsonObject>> byStudy = new LinkedHashMap<>();
    for (JsonObject inst : instances) {
      String folderId = inst.getString("folderId");
      bySeries
          .computeIfAbsent(
              DicomCollections.partId(folderId, inst.getString("seriesUid")),
              k -> new ArrayList<>())
          .add(inst);
      byStudy
          .computeIfAbsent(
              DicomCollections.partId(folderId, inst.getString("studyUid")), k -> new ArrayList<>())
          .add(inst);
    }
    List<Future<?>> updates = new ArrayList<>();
    bySeries.forEach(
        (id, insts) ->
            updates.add(
                mongo.updateCollectionWithOptions(
                    DicomCollections.SERIES,
                    new JsonObject().put("_id", id),
                    seriesUpdate(insts),
                    UPSERT)));
    byStudy.forEach(
        (id, insts) ->
            updates.add(
                mongo.updateCollectionWithOptions(
                    DicomCollections.STUDIES,
                    new JsonObject().put("_id", id),
                    studyUpdate(insts),
                    UPSERT)));
    // The parts are separate documents: updated at once (one round trip of latency, not one per
    // part).
    return Future.all(updates).compose(x -> studiesChanged(byStudy.keySet()));
  }

  private static JsonObject accessOf(List<JsonObject> instances) {
    JsonObject last = instances.get(instances.size() - 1);
    return new JsonObject()
        .put("acl", last.getJsonObject("acl"))
        .put("readers", last.getJsonArray("readers"));
  }

  /** Instances of one series part (one folder, one series). */
  private static JsonObject seriesUpdate(List<JsonObject> instances) {
    JsonObject first = instances.get(0);
    JsonArray uids =
        new JsonArray(instances.stream().map(i -> i.getString("_id")).distinct().toList());
    return new JsonObject()
        .put(
            "$setOnInsert",
            new JsonObject()
                .put("seriesUid", first.getString("seriesUid"))
                .put("studyUid", first.getString("studyUid"))
                .put("folderId", first.getString("folderId"))
                .put("modality", first.getString("modality"))
                .put("attrs", first.getJsonObject("series")))
        .put("$set", accessOf(instances))
        .put("$inc", new JsonObject().put("instances", (long) instances.size()).put("version", 1L))
        .put(
            "$addToSet", new JsonObject().put("instanceUids", new JsonObject().put("$each", uids)));
  }

  /** Instances of one study part (one folder, one study). */
  private static JsonObject studyUpdate(List<JsonObject> instances) {
    JsonObject first = instances.get(0);
    JsonArray series =
        new JsonArray(instances.stream().map(i -> i.getString("seriesUid")).distinct().toList());
    JsonArray modalities =
        new JsonArray(
            instances.stream()
                .map(i -> i.getString("modality", ""))
                .filter(m -> !m.isEmpty())
                .distinct()
                .toList());
    JsonObject addToSet = new JsonObject().put("series", new JsonObject().put("$each", series));
    if (!modalities.isEmpty()) {
      addToSet.put("modalities", new JsonObject().put("$each", modalities));
    }
    return new JsonObject()
        .put(
            "$setOnInsert",
            new JsonObject()
                .put("studyUid", first.getString("studyUid"))
                .put("folderId", first.getString("folderId"))
                .put("attrs", first.getJsonObject("study")))
        .put("$set", accessOf(instances))
        .put("$inc", new JsonObject().put("instances", (long) instances.size()).put("version", 1L))
        .put("$addToSet", addToSet);
  }

  /**
   * Tells every node's study-part cache that a study part changed (after the change, never before).
   */
  private Future<Void> studiesChanged(Collection<String> studyPartIds) {
    return bumpStudies(DicomCollections.studiesChanged(studyPartIds));
  }

  private Future<Void> bumpStudies(JsonObject update) {
    return mongo
        .updateCollectionWithOptions(
            DicomCollections.META,
            new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID),
            update,
            UPSERT)
        .mapEmpty();
  }

  /** Counts an instance out of its parts, dropping parts that become empty. */
  private Future<Void> removeFromParts(JsonObject inst) {
    String folderId = inst.getString("folderId");
    String seriesId = DicomCollections.partId(folderId, inst.getString("seriesUid"));
    String studyId = DicomCollections.partId(folderId, inst.getString("studyUid"));
    JsonObject minusOne =
        new JsonObject()
            .put("$inc", new JsonObject().put("instances", -1L).put("version", 1L))
            .put("$pull", new JsonObject().put("instanceUids", inst.getString("_id")));
    return mongo
        .findOneAndUpdateWithOptions(
            DicomCollections.SERIES,
            new JsonObject().put("_id", seriesId),
            minusOne,
            new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(
            series ->
                series != null && series.getLong("instances", 0L) <= 0
                    ? mongo
                        .removeDocument(
                            DicomCollections.SERIES, new JsonObject().put("_id", seriesId))
                        .compose(
                            x ->
                                dropSeriesFromStudy(
                                    folderId,
                                    inst.getString("studyUid"),
                                    inst.getString("seriesUid")))
                    : Future.<Void>succeededFuture())
        .compose(
            x ->
                mongo.findOneAndUpdateWithOptions(
                    DicomCollections.STUDIES,
                    new JsonObject().put("_id", studyId),
                    new JsonObject()
                        .put("$inc", new JsonObject().put("instances", -1L).put("version", 1L)),
                    new FindOptions(),
                    new UpdateOptions().setReturningNewDocument(true)))
        .compose(
            study ->
                study != null && study.getLong("instances", 0L) <= 0
                    ? mongo
                        .removeDocument(
                            DicomCollections.STUDIES, new JsonObject().put("_id", studyId))
                        .mapEmpty()
                    : Future.<Void>succeededFuture())
        .compose(x -> studiesChanged(List.of(studyId)));
  }

  /**
   * A series part is gone: the study part forgets it and recomputes its modalities from the series
   * left.
   */
  private Future<Void> dropSeriesFromStudy(String folderId, String studyUid, String seriesUid) {
    return mongo
        .find(
            DicomCollections.SERIES,
            new JsonObject().put("folderId", folderId).put("studyUid", studyUid))
        .compose(
            remaining -> {
              JsonArray modalities = new JsonArray();
              remaining.stream()
                  .map(s -> s.getString("modality", ""))
                  .filter(m -> !m.isEmpty())
                  .distinct()
                  .forEach(modalities::add);
              return mongo
                  .updateCollection(
                      DicomCollections.STUDIES,
                      new JsonObject().put("_id", DicomCollections.partId(folderId, studyUid)),
                      new JsonObject()
                          .put("$pull", new JsonObject().put("series", seriesUid))
                          .put("$set", new JsonObject().put("modalities", modalities)))
                  .mapEmpty();
            });
  }

  @Override
  public Future<Void> removed(List<Resource> files) {
    Future<Void> chain = Future.succeededFuture();
    for (Resource f : files) {
      JsonObject mark = f.asFile().dicom();
      if (mark == null || !mark.getBoolean("indexed", false)) {
        continue;
      }
      String sop = mark.getString("sopInstanceUid");
      chain =
          chain
              .compose(
                  v ->
                      mongo.findOne(
                          DicomCollections.INSTANCES, new JsonObject().put("_id", sop), null))
              .compose(
                  inst ->
                      inst == null || !f.id().equals(inst.getString("fileId"))
                          ? Future.<Void>succeededFuture()
                          : mongo
                              .removeDocument(
                                  DicomCollections.INSTANCES, new JsonObject().put("_id", sop))
                              .compose(x -> removeFromParts(inst)));
    }
    return chain;
  }

  @Override
  public Future<Void> relocated(List<String> fileIds) {
    if (fileIds.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject query =
        new JsonObject().put("fileId", new JsonObject().put("$in", new JsonArray(fileIds)));
    return mongo
        .find(DicomCollections.INSTANCES, query)
        .compose(
            instances -> {
              Future<Void> chain = Future.succeededFuture();
              for (JsonObject inst : instances) {
                chain =
                    chain
                        .compose(
                            v ->
                                mongo.findOne(
                                    Collections.FILES,
                                    new JsonObject().put("_id", inst.getString("fileId")),
                                    null))
                        .compose(
                            file ->
                                file == null
                                        || file.getString("folderId")
                                            .equals(inst.getString("folderId"))
                                    ? Future.<Void>succeededFuture()
                                    : removeFromParts(inst)
                                        .compose(
                                            x -> {
                                              JsonObject moved =
                                                  inst.copy()
                                                      .put("folderId", file.getString("folderId"))
                                                      .put("acl", file.getJsonObject("acl"))
                                                      .put("readers", file.getJsonArray("readers"));
                                              return mongo
                                                  .findOneAndReplaceWithOptions(
                                                      DicomCollections.INSTANCES,
                                                      new JsonObject()
                                                          .put("_id", inst.getString("_id")),
                                                      moved,
                                                      new FindOptions(),
                                                      UPSERT)
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
    JsonObject query =
        new JsonObject().put("folderId", new JsonObject().put("$in", new JsonArray(folderIds)));
    JsonObject set = new JsonObject().put("$set", access);
    UpdateOptions multi = new UpdateOptions().setMulti(true);
    List<Future<?>> updates = new ArrayList<>();
    for (String c :
        List.of(DicomCollections.INSTANCES, DicomCollections.SERIES, DicomCollections.STUDIES)) {
      updates.add(mongo.updateCollectionWithOptions(c, query, set, multi));
    }
    return Future.all(updates)
        .compose(
            x ->
                mongo.findWithOptions(
                    DicomCollections.STUDIES,
                    query,
                    new FindOptions()
                        .setFields(new JsonObject().put("_id", 1))
                        .setLimit(MAX_LISTED_PARTS + 1)))
        .compose(
            parts ->
                bumpStudies(
                    parts.size() > MAX_LISTED_PARTS
                        // Many parts: other nodes read them all again rather than carry a long list
                        // in the counter document.
                        ? DicomCollections.studiesChangedUnlisted()
                        : DicomCollections.studiesChanged(
                            parts.stream().map(p -> p.getString("_id")).toList())));
  }
}
