package org.sinfonia.verticles.tus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sinfonia.core.blob.PartialBlobLost;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.upload.ChecksumAlgorithm;
import org.sinfonia.core.upload.DurableOffset;
import org.sinfonia.core.upload.ExpiryPolicy;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.ingest.ResumableIngest;
import org.sinfonia.web.tus.ChecksummingStore;
import org.sinfonia.web.tus.ConcatenatingStore;
import org.sinfonia.web.tus.ExpiringStore;
import org.sinfonia.web.tus.LengthDeferringStore;
import org.sinfonia.web.tus.NewUpload;
import org.sinfonia.web.tus.TerminatingStore;
import org.sinfonia.web.tus.TusErrors;
import org.sinfonia.web.tus.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads as MongoDB documents (offsets, metadata, expiry) over the ingest service's resumable
 * writer ({@link ResumableIngest}, which owns the bytes, their hash and taps), with every tus
 * extension. A PATCH answers once its bytes are written and that offset is recorded with this
 * machine's boot id; the sync follows while the client sends its next PATCH, and the synced offset
 * is recorded after it (only ever growing, {@code $max}, whatever order those land in). {@link
 * DurableOffset} says which of the two a node trusts: never one ahead of the file, even after a
 * crash of the machine.
 */
public final class MongoUploadStore
    implements UploadStore,
        TerminatingStore,
        ConcatenatingStore,
        LengthDeferringStore,
        ExpiringStore,
        ChecksummingStore {

  private static final Logger LOG = LoggerFactory.getLogger(MongoUploadStore.class);

  private final MongoClient mongo;
  private final ResumableIngest bytes;
  private final ExpiryPolicy expiry;
  private final long maxSize;
  private final Clock clock;
  private final String bootId;

  MongoUploadStore(
      MongoClient mongo,
      ResumableIngest bytes,
      ExpiryPolicy expiry,
      long maxSize,
      Clock clock,
      String bootId) {
    this.bootId = bootId;
    this.mongo = mongo;
    this.bytes = bytes;
    this.expiry = expiry;
    this.maxSize = maxSize;
    this.clock = clock;
  }

  @Override
  public Future<UploadState> create(NewUpload u) {
    Instant now = clock.instant();
    UploadState state =
        new UploadState(
            UUID.randomUUID().toString().replace("-", ""),
            u.owner(),
            u.length(),
            0,
            u.metadata(),
            now,
            expiry.expiresAt(now),
            u.concat(),
            u.parts(),
            u.targetFolderId(),
            null,
            null);
    // The file first: a record always has its file (a file without a record is inert).
    return bytes
        .create(state.id())
        .compose(v -> mongo.insert(Collections.UPLOADS, UploadDocuments.toDocument(state)))
        .map(state);
  }

  @Override
  public Future<Optional<UploadState>> find(String id) {
    return mongo
        .findOne(Collections.UPLOADS, byId(id), null)
        .map(d -> Optional.ofNullable(d).map(found -> UploadDocuments.fromDocument(found, bootId)));
  }

  @Override
  public Future<UploadState> append(
      UploadState upload, ReadStream<Buffer> body, Optional<UploadChecksum> checksum) {
    long limit = upload.lengthDeferred() ? maxSize : upload.length();
    return bytes
        .append(
            upload.id(),
            upload.offset(),
            upload.partial(),
            body,
            checksum,
            limit,
            synced -> recordSynced(upload.id(), synced))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof PartialBlobLost ? TusErrors.bytesLost(upload.id()) : e))
        .compose(
            appended -> {
              if (!appended.kept()) {
                return Future.failedFuture(
                    appended.bodyFailure() != null
                        ? TusErrors.interrupted(upload.offset())
                        : TusErrors.checksumMismatch(checksum.get().algorithm().tusName()));
              }
              return recordOffset(upload.id(), appended.position())
                  .compose(
                      recorded -> {
                        Throwable failure = appended.bodyFailure();
                        if (failure == null) {
                          return Future.succeededFuture(recorded);
                        }
                        return Future.failedFuture(
                            failure instanceof ResumableIngest.LimitExceeded over
                                ? TusErrors.exceedsLength(over.limit())
                                : TusErrors.interrupted(recorded.offset()));
                      });
            });
  }

  @Override
  public Future<Ingested> complete(UploadState upload, PrivacyStage privacy) {
    if (privacy != null) {
      // Nothing to record first: the received blob stays until the file is registered, so a crash
      // before then runs the pass again (same bytes in, same blob out).
      return bytes.sealThrough(upload.id(), upload.length(), privacy);
    }
    return bytes
        .alreadyCommitted(upload.id(), upload.sha256(), upload.length())
        .compose(
            done ->
                done.isPresent()
                    ? Future.succeededFuture(done.get())
                    // The content address is recorded before the blob is committed, so a crash in
                    // between can be finished later.
                    : bytes
                        .seal(upload.id(), upload.length())
                        .compose(
                            written ->
                                mongo
                                    .updateCollection(
                                        Collections.UPLOADS,
                                        byId(upload.id()),
                                        new JsonObject()
                                            .put(
                                                "$set",
                                                new JsonObject().put("sha256", written.sha256())))
                                    .compose(
                                        r -> bytes.commit(upload.id(), upload.length(), written))));
  }

  @Override
  public Future<UploadState> registered(UploadState upload, String fileId) {
    return mongo
        .updateCollection(
            Collections.UPLOADS,
            byId(upload.id()),
            new JsonObject().put("$set", new JsonObject().put("fileId", fileId)))
        .compose(r -> bytes.delete(upload.id()))
        .map(r -> upload.withFileId(fileId));
  }

  @Override
  public Future<Void> terminate(UploadState upload) {
    // The record first: once it is gone nobody can resume, and a left-over file is inert.
    return mongo
        .removeDocument(Collections.UPLOADS, byId(upload.id()))
        .compose(
            r -> upload.registered() ? Future.<Void>succeededFuture() : bytes.delete(upload.id()));
  }

  @Override
  public Future<UploadState> concatenate(NewUpload finalUpload, List<UploadState> parts) {
    Instant now = clock.instant();
    UploadState state =
        new UploadState(
            UUID.randomUUID().toString().replace("-", ""),
            finalUpload.owner(),
            finalUpload.length(),
            finalUpload.length(),
            finalUpload.metadata(),
            now,
            expiry.expiresAt(now),
            UploadState.Concat.FINAL,
            finalUpload.parts(),
            finalUpload.targetFolderId(),
            null,
            null);
    return bytes
        .concatenate(
            state.id(),
            parts.stream().map(p -> new ResumableIngest.Part(p.id(), p.length())).toList())
        .compose(v -> mongo.insert(Collections.UPLOADS, UploadDocuments.toDocument(state)))
        .compose(v -> Future.join(parts.stream().map(this::terminate).toList()))
        .map(state);
  }

  @Override
  public Future<UploadState> declareLength(UploadState upload, long length) {
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.UPLOADS,
            byId(upload.id()).put("length", UploadState.DEFERRED),
            new JsonObject().put("$set", new JsonObject().put("length", length)),
            new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(
            d ->
                d == null
                    ? Future.failedFuture(TusErrors.lengthAlreadySet())
                    : Future.succeededFuture(UploadDocuments.fromDocument(d, bootId)));
  }

  @Override
  public ExpiryPolicy expiry() {
    return expiry;
  }

  @Override
  public Set<ChecksumAlgorithm> checksumAlgorithms() {
    return EnumSet.allOf(ChecksumAlgorithm.class);
  }

  /** Uploads whose expiry has passed, for the purge (which decides what each one means). */
  Future<List<UploadState>> expiredBy(Instant now) {
    return mongo
        .find(
            Collections.UPLOADS,
            new JsonObject().put("expiresAt", new JsonObject().put("$lt", now.toEpochMilli())))
        .map(docs -> docs.stream().map(d -> UploadDocuments.fromDocument(d, bootId)).toList());
  }

  /** Forgets a finished upload's record; its file belongs to the repository now. */
  Future<Void> forget(UploadState upload) {
    return mongo.removeDocument(Collections.UPLOADS, byId(upload.id())).mapEmpty();
  }

  /** The offset a PATCH wrote (only the lock holder records one, so it is set, not maximised). */
  private Future<UploadState> recordOffset(String id, long offset) {
    Instant now = clock.instant();
    return mongo
        .findOneAndUpdateWithOptions(
            Collections.UPLOADS,
            byId(id),
            new JsonObject()
                .put(
                    "$set",
                    new JsonObject()
                        .put("offset", offset)
                        .put("offsetBoot", bootId)
                        .put("expiresAt", expiry.expiresAt(now).toEpochMilli())),
            new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(
            d ->
                d == null
                    ? Future.failedFuture(TusErrors.notFound(id))
                    : Future.succeededFuture(UploadDocuments.fromDocument(d, bootId)));
  }

  /**
   * Bytes up to {@code offset} are on stable storage; a record may land after a later one, hence
   * {@code $max}.
   */
  private void recordSynced(String id, long offset) {
    mongo
        .updateCollection(
            Collections.UPLOADS,
            byId(id),
            new JsonObject().put("$max", new JsonObject().put("syncedOffset", offset)))
        .onFailure(
            e -> LOG.warn("recording the synced offset of upload {}: {}", id, e.getMessage()));
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }
}
