package org.sinfonia.verticles.preview;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.verticles.dicom.DicomCollections;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.ingest.IngestListener;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.repo.Resource;

/**
 * Hears of every file any door stores and starts its ingest-time previews: one {@code preview} job
 * per new DICOM series part ({@code folderId|seriesUid}, images and RT Dose only), one per image
 * file. The series marker is taken with one atomic upsert ({@code $setOnInsert} + findOneAndUpdate
 * returning the document as it was): only the instance that created it submits, so 2,000 instances
 * of a series, on any number of nodes, make one job. A small per-node memory of series already
 * marked spares the database the upsert for the other instances. Every DICOM header parsed at
 * ingest also primes the header cache, so a later preview reads only its frame.
 */
public final class PreviewIngestListener implements IngestListener {

  private final MongoClient mongo;
  private final JobSubmitter jobs;
  private final HeaderCache headers;
  private final boolean onIngest;
  private final List<String> sizes;
  private final Cache<String, Boolean> marked = Caffeine.newBuilder().maximumSize(10_000).build();

  public PreviewIngestListener(
      MongoClient mongo,
      JobSubmitter jobs,
      HeaderCache headers,
      boolean onIngest,
      List<String> sizes) {
    this.mongo = mongo;
    this.jobs = jobs;
    this.headers = headers;
    this.onIngest = onIngest;
    this.sizes = List.copyOf(sizes);
  }

  @Override
  public Future<Void> stored(Resource file, Ingested ingested) {
    Optional<DicomHeader> header = ingested.tap(DicomTap.class).flatMap(DicomTap::header);
    String sha = file.asFile().sha256();
    if (header.isPresent()) {
      headers.prime(sha, header.get().dataset());
      if (!onIngest || !DicomKind.of(header.get().dataset()).hasPicture()) {
        return Future.succeededFuture();
      }
      return firstOfSeries(file, header.get())
          .compose(
              first ->
                  first
                      ? submit(
                          file,
                          DicomCollections.partId(
                              file.folderId(), header.get().seriesInstanceUid()))
                      : Future.succeededFuture());
    }
    if (onIngest && FileKind.of(file) == FileKind.IMAGE) {
      return submit(file, null);
    }
    return Future.succeededFuture();
  }

  /** True for exactly one instance of each series part: the one whose upsert created the marker. */
  private Future<Boolean> firstOfSeries(Resource file, DicomHeader header) {
    String part = DicomCollections.partId(file.folderId(), header.seriesInstanceUid());
    if (marked.getIfPresent(part) != null) {
      return Future.succeededFuture(false);
    }
    JsonObject insert =
        new JsonObject()
            .put(
                "$setOnInsert",
                new JsonObject()
                    .put("fileId", file.id())
                    .put("sha256", file.asFile().sha256())
                    .put("sopInstanceUid", header.sopInstanceUid())
                    .put("created", new JsonObject().put("$date", Instant.now().toString())));
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.PREVIEW_SERIES,
            new JsonObject().put("_id", part),
            insert,
            new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(false))
        .map(
            before -> {
              marked.put(part, true);
              return before == null;
            })
        // two upserts racing on one _id: the loser sees a duplicate key, i.e. someone else is first
        .recover(e -> Future.succeededFuture(false));
  }

  private Future<Void> submit(Resource file, String seriesPart) {
    String creator = file.asFile().creator();
    String owner = creator == null ? "" : creator;
    return jobs.submit(
            PreviewWorker.KIND, owner, PreviewWorker.params(file.id(), sizes, seriesPart))
        .mapEmpty();
  }
}
