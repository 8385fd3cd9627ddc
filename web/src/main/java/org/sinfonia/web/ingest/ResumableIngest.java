package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.blob.PartialBlob;
import org.sinfonia.core.blob.PartialBlobs;
import org.sinfonia.core.ingest.IngestGate;
import org.sinfonia.core.ingest.IngestLimits;
import org.sinfonia.core.ingest.IngestSession;
import org.sinfonia.core.ingest.IngestTap;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.upload.UploadChecksum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service's resumable writer: the byte pass of a file that arrives over many requests
 * (tus), appended at an offset. It owns what {@link Ingest} owns for a single stream — the blob
 * write, SHA-256, the taps (the DICOM header parser), the size limit and the sync policy — and
 * keeps the running hash and taps of each blob between appends (this node's cache, else rebuilt by
 * re-reading what is written). The tus store calls it with ids and offsets and knows nothing of
 * hashing; storage is behind {@link PartialBlobs}. Each step runs on the ingest pool.
 */
public final class ResumableIngest {

  private static final Logger LOG = LoggerFactory.getLogger(ResumableIngest.class);
  private static final int CHUNK = 256 << 10;

  /**
   * What an append's body did: where the blob now stands, whether the bytes were kept (false when a
   * checksum failed and they were discarded), and why the body ended early (null when it did not).
   */
  public record Appended(long position, boolean kept, Throwable bodyFailure) {}

  /** A finished blob's content address and the taps that saw all its bytes. */
  public record Sealed(String sha256, List<IngestTap> taps) {}

  /** One part of a concatenation: a partial blob and how many of its bytes count. */
  public record Part(String id, long length) {}

  /** The body held more bytes than the blob has room for; what fits was written. */
  public static final class LimitExceeded extends IOException {
    private final long limit;

    LimitExceeded(long limit) {
      super("past the blob's " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  private final WorkerExecutor workers;
  private final PartialBlobs partials;
  private final BlobStore blobs;
  private final Supplier<List<IngestTap>> newTaps;
  private final IngestLimits limits;
  private final RunningIngests running;

  ResumableIngest(
      WorkerExecutor workers,
      PartialBlobs partials,
      BlobStore blobs,
      Supplier<List<IngestTap>> newTaps,
      IngestLimits limits,
      Duration keepIdle,
      long maxRunning) {
    this.workers = workers;
    this.partials = partials;
    this.blobs = blobs;
    this.newTaps = newTaps;
    this.limits = limits;
    this.running = new RunningIngests(keepIdle, maxRunning);
  }

  /** The most bytes one resumable blob may hold (the repository's file size limit). */
  public long maxBytes() {
    return limits.maxFileBytes();
  }

  public Future<Void> create(String id) {
    return workers.executeBlocking(
        () -> {
          partials.create(id);
          return null;
        },
        false);
  }

  /**
   * Streams {@code body} onto blob {@code id} at {@code offset}, never past {@code limit} (nor the
   * size limit); reports what was kept whether the body ended or broke off. The kept bytes are
   * written but not yet synced when this completes: {@code onSynced} hears of each position that is
   * durable, during the append and once more after it.
   *
   * @param part whether the blob is one part of a later concatenation (hashed then, not now)
   * @param checksum the request's own digest: its bytes are kept only if they match
   */
  public Future<Appended> append(
      String id,
      long offset,
      boolean part,
      ReadStream<Buffer> body,
      Optional<UploadChecksum> checksum,
      long limit,
      LongConsumer onSynced) {
    long bound = Math.min(limit, limits.maxFileBytes());
    Optional<RunningIngest> cached = running.take(id, offset);
    List<IngestTap> taps = cached.isEmpty() && !part ? newTaps.get() : List.of();
    return workers
        .executeBlocking(
            () -> {
              PartialBlob blob = partials.openAt(id, offset);
              try {
                RunningIngest ingest =
                    cached.isPresent() ? cached.get() : rebuild(id, offset, part, taps);
                return new AppendSession(blob, ingest, bound, limits.syncEveryBytes(), checksum);
              } catch (IOException | RuntimeException e) {
                blob.close();
                throw e;
              }
            },
            false)
        .compose(
            session -> {
              // With a checksum, bytes synced during the append may yet be discarded: only the kept
              // end is reported.
              AppendWriteStream sink =
                  new AppendWriteStream(
                      workers, session, checksum.isPresent() ? p -> {} : onSynced);
              return body.pipe()
                  .endOnFailure(false)
                  .to(sink)
                  .transform(
                      piped ->
                          sink.drained()
                              .transform(
                                  written -> {
                                    Throwable failure =
                                        written.failed()
                                            ? written.cause()
                                            : piped.failed() ? piped.cause() : null;
                                    return workers
                                        .executeBlocking(
                                            () -> session.finish(failure == null), false)
                                        .map(
                                            outcome -> {
                                              // Kept bytes are exactly the bytes the ingest saw
                                              // (finish cuts off any a failed write left), so the
                                              // state stays good for the next append even after a
                                              // broken body; discarded ones were seen, so it goes.
                                              if (outcome.kept()) {
                                                running.keep(id, session.ingest());
                                              }
                                              syncAfter(
                                                  session,
                                                  outcome.position(),
                                                  outcome.kept() ? onSynced : p -> {});
                                              return new Appended(
                                                  outcome.position(), outcome.kept(), failure);
                                            })
                                        .onFailure(e -> closeQuietly(session));
                                  }));
            });
  }

  /**
   * The append has answered; its last stretch becomes durable meanwhile (a failure only delays
   * that).
   */
  private void syncAfter(AppendSession session, long position, LongConsumer onSynced) {
    workers
        .<Void>executeBlocking(
            () -> {
              session.syncAndClose();
              return null;
            },
            false)
        .onSuccess(v -> onSynced.accept(position))
        .onFailure(
            e -> LOG.warn("syncing a resumable blob after its append failed: {}", e.getMessage()));
  }

  private static void closeQuietly(AppendSession session) {
    try {
      session.close();
    } catch (IOException e) {
      LOG.debug("closing a resumable blob: {}", e.getMessage());
    }
  }

  /**
   * Ends the byte pass of a blob whose {@code length} bytes have all arrived: SHA-256 and ended
   * taps.
   */
  public Future<Sealed> seal(String id, long length) {
    Optional<RunningIngest> cached = running.take(id, length);
    List<IngestTap> taps = cached.isEmpty() ? newTaps.get() : List.of();
    return workers.executeBlocking(
        () -> {
          RunningIngest ingest =
              cached.isPresent() ? cached.get() : rebuild(id, length, false, taps);
          return new Sealed(ingest.finish(), ingest.taps());
        },
        false);
  }

  /**
   * Ends the byte pass of a blob whose {@code length} bytes have all arrived by reading them once
   * more through the destination's privacy stage into a new blob, committed; the received blob is
   * left as it is ({@link #delete} it once the file is registered, so that a crash before then can
   * run this again). Under {@code deidentify} the new blob holds the rewrite and the received bytes
   * never enter the blob store. A refusal of the stage (an {@code UNPROCESSABLE} {@code ApiError})
   * fails the future and keeps nothing new.
   */
  public Future<Ingested> sealThrough(String id, long length, PrivacyStage stage) {
    running.forget(id);
    List<IngestTap> taps = newTaps.get();
    return workers.executeBlocking(
        () -> {
          ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
          try (IngestSession session =
                  new IngestSession(blobs.create(), limits, taps, IngestGate.ACCEPT_ALL, stage);
              SeekableByteChannel in = partials.source(id).open()) {
            for (long at = 0; at < length; ) {
              buffer.clear().limit((int) Math.min(buffer.capacity(), length - at));
              int n = in.read(buffer);
              if (n < 0) {
                throw new IOException(
                    "partial blob " + id + " is shorter than its " + length + " bytes");
              }
              buffer.flip();
              session.write(buffer);
              at += n;
            }
            return new Ingested(session.finish(), Ingest.withStage(taps, stage));
          }
        },
        false);
  }

  /**
   * Syncs the sealed blob (its last append answered before syncing) and commits it to the blob
   * store.
   */
  public Future<Ingested> commit(String id, long length, Sealed sealed) {
    return workers.executeBlocking(
        () -> {
          partials.sync(id);
          return new Ingested(partials.commit(id, sealed.sha256(), length), sealed.taps());
        },
        false);
  }

  /**
   * For a completion a crash cut short after the blob was committed as {@code sha256}: the blob is
   * there, the taps' findings are not, so they are rebuilt from the blob. Empty if the blob is
   * still partial (or not in the store).
   */
  public Future<Optional<Ingested>> alreadyCommitted(String id, String sha256, long length) {
    if (sha256 == null) {
      return Future.succeededFuture(Optional.empty());
    }
    List<IngestTap> taps = newTaps.get();
    return workers.executeBlocking(
        () -> {
          if (partials.exists(id) || !blobs.exists(sha256)) {
            return Optional.<Ingested>empty();
          }
          RunningIngest replayed =
              RunningIngest.replay(
                  BlobSource.of(blobs, sha256), length, RunningIngest.hashing(taps));
          replayed.finish();
          return Optional.of(new Ingested(new Blob(sha256, length), replayed.taps()));
        },
        false);
  }

  /**
   * Writes the parts one after another into a new partial blob {@code id}, hashing and tapping them
   * on the way.
   */
  public Future<Void> concatenate(String id, List<Part> parts) {
    List<IngestTap> taps = newTaps.get();
    return workers.executeBlocking(
        () -> {
          RunningIngest ingest = RunningIngest.hashing(taps);
          ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
          partials.create(id);
          try (PartialBlob out = partials.openAt(id, 0)) {
            for (Part part : parts) {
              copy(part, out, ingest, buffer);
            }
            out.force();
          }
          running.keep(id, ingest);
          return null;
        },
        false);
  }

  public Future<Void> delete(String id) {
    running.forget(id);
    return workers.executeBlocking(
        () -> {
          partials.delete(id);
          return null;
        },
        false);
  }

  private void copy(Part part, PartialBlob out, RunningIngest ingest, ByteBuffer buffer)
      throws IOException {
    try (SeekableByteChannel in = partials.source(part.id()).open()) {
      long at = 0;
      while (at < part.length()) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), part.length() - at));
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException(
              "partial blob " + part.id() + " is shorter than its " + part.length() + " bytes");
        }
        buffer.flip();
        ingest.feed(buffer.duplicate());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        at += n;
      }
    }
  }

  /**
   * Re-reads the recorded prefix of a partial blob: the cost of losing the cached state
   * (docs/tus.md).
   */
  private RunningIngest rebuild(String id, long upTo, boolean part, List<IngestTap> taps)
      throws IOException {
    if (part) {
      return RunningIngest.positionOnly(upTo);
    }
    return RunningIngest.replay(partials.source(id), upTo, RunningIngest.hashing(taps));
  }
}
