package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.repo.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run after an unclean stop: a file is registered (marked as indexed DICOM) before the index writes
 * its instance, so a process that died in between left files the tree shows and QIDO-RS does not.
 * Every file marked indexed is read in batches and looked up in the index by its SOP Instance UID;
 * those missing are looked up again after {@code settle} (a registration running on another node
 * may be between its two writes), and those still missing are indexed from their stored header,
 * with the duplicate policy as at ingest.
 */
public final class DicomReindexer {

  private static final Logger LOG = LoggerFactory.getLogger(DicomReindexer.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final MongoClient mongo;
  private final MongoDicomIndex index;
  private final BlobStore blobs;
  private final WorkerExecutor workers;
  private final DicomParserOptions options;
  private final long maxHeaderBytes;
  private final Duration settle;

  public DicomReindexer(
      Vertx vertx,
      MongoClient mongo,
      MongoDicomIndex index,
      BlobStore blobs,
      WorkerExecutor workers,
      DicomParserOptions options,
      long maxHeaderBytes,
      Duration settle) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.index = index;
    this.blobs = blobs;
    this.workers = workers;
    this.options = options;
    this.maxHeaderBytes = maxHeaderBytes;
    this.settle = settle;
  }

  /** Completes with the number of files indexed again. */
  public Future<Integer> run() {
    return unindexedFiles()
        .compose(
            candidates ->
                candidates.isEmpty()
                    ? Future.succeededFuture(candidates)
                    : vertx
                        .timer(Math.max(1, settle.toMillis()))
                        .compose(v -> missingFromIndex(candidates)))
        .compose(this::reindexAll);
  }

  /**
   * Files marked indexed whose instance the index lacks, read through the whole collection batch by
   * batch.
   */
  private Future<List<JsonObject>> unindexedFiles() {
    Promise<List<JsonObject>> done = Promise.promise();
    List<JsonObject> missing = new ArrayList<>();
    List<JsonObject> batch = new ArrayList<>();
    ReadStream<JsonObject> files =
        mongo.findBatchWithOptions(
            Collections.FILES,
            new JsonObject().put("dicom.indexed", true),
            new FindOptions().setBatchSize(BATCH));
    files.exceptionHandler(done::tryFail);
    files.handler(
        doc -> {
          batch.add(doc);
          if (batch.size() >= BATCH) {
            files.pause();
            List<JsonObject> full = List.copyOf(batch);
            batch.clear();
            missingFromIndex(full)
                .onSuccess(missing::addAll)
                .onFailure(done::tryFail)
                .onSuccess(x -> files.resume());
          }
        });
    files.endHandler(
        v ->
            missingFromIndex(List.copyOf(batch))
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        missing.addAll(ar.result());
                        done.tryComplete(missing);
                      } else {
                        done.tryFail(ar.cause());
                      }
                    }));
    return done.future();
  }

  private Future<List<JsonObject>> missingFromIndex(List<JsonObject> files) {
    if (files.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonArray uids =
        new JsonArray(files.stream().map(DicomReindexer::sopInstanceUid).distinct().toList());
    return mongo
        .findWithOptions(
            DicomCollections.INSTANCES,
            new JsonObject().put("_id", new JsonObject().put("$in", uids)),
            new FindOptions().setFields(new JsonObject().put("_id", 1)))
        .map(
            found -> {
              Set<String> indexed = new HashSet<>();
              found.forEach(d -> indexed.add(d.getString("_id")));
              return files.stream().filter(f -> !indexed.contains(sopInstanceUid(f))).toList();
            });
  }

  private Future<Integer> reindexAll(List<JsonObject> files) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (JsonObject file : files) {
      chain = chain.compose(n -> reindex(file).map(indexed -> indexed ? n + 1 : n));
    }
    return chain.onSuccess(
        n -> {
          if (n > 0) {
            LOG.warn(
                "indexed {} DICOM file(s) again whose index writes an unclean stop had cut off", n);
          }
        });
  }

  private Future<Boolean> reindex(JsonObject file) {
    String sha256 = file.getString("sha256");
    return workers
        .executeBlocking(
            () -> DicomTap.ofStoredFile(BlobSource.of(blobs, sha256), options, maxHeaderBytes),
            false)
        .compose(
            tap -> {
              if (tap.header().isEmpty()) {
                LOG.warn(
                    "file {} is marked as indexed DICOM but its stored header no longer parses: {}",
                    file.getString("_id"),
                    tap.reason());
                return Future.succeededFuture(false);
              }
              return index
                  .reindex(new Resource(ResourceType.FILE, file), tap.header().get())
                  .map(true);
            })
        .recover(
            e -> {
              LOG.warn(
                  "file {} could not be indexed again: {}", file.getString("_id"), e.getMessage());
              return Future.succeededFuture(false);
            });
  }

  private static String sopInstanceUid(JsonObject file) {
    return file.getJsonObject("dicom", new JsonObject()).getString("sopInstanceUid", "");
  }
}
