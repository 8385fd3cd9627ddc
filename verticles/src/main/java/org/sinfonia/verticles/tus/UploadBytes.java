package org.sinfonia.verticles.tus;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.ingest.IngestTap;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.ingest.Ingested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that touches upload bytes, each step on the ingest worker pool: partial files, the running
 * one-pass ingest (from this node's cache, or rebuilt by re-reading what is already written), and the move
 * of a finished file into the blob store. Knows nothing of MongoDB.
 */
final class UploadBytes {

  private static final Logger LOG = LoggerFactory.getLogger(UploadBytes.class);

  /** What a PATCH's body did: where the file now stands, whether it was kept, and why the body ended early. */
  record Appended(AppendSession.Outcome outcome, Throwable bodyFailure) {
  }

  /** A finished upload's content address and the taps that saw all its bytes. */
  record Sealed(String sha256, List<IngestTap> taps) {
  }

  private final WorkerExecutor workers;
  private final PartialFiles files;
  private final BlobStore blobs;
  private final Supplier<List<IngestTap>> newTaps;
  private final RunningIngests running;
  private final long syncEvery;

  UploadBytes(WorkerExecutor workers, PartialFiles files, BlobStore blobs, Supplier<List<IngestTap>> newTaps,
              RunningIngests running, long syncEvery) {
    this.workers = workers;
    this.files = files;
    this.blobs = blobs;
    this.newTaps = newTaps;
    this.running = running;
    this.syncEvery = syncEvery;
  }

  Future<Void> create(String id) {
    return workers.executeBlocking(() -> {
      files.create(id);
      return null;
    }, false);
  }

  /**
   * Streams {@code body} onto the partial file at the upload's offset, never past {@code limit}; reports what was
   * kept whether the body ended or broke off. The kept bytes are written but not yet synced when this completes:
   * {@code onSynced} hears of each position that is durable, during the PATCH and once more after it.
   */
  Future<Appended> append(UploadState upload, ReadStream<Buffer> body, Optional<UploadChecksum> checksum, long limit,
                          LongConsumer onSynced) {
    Optional<RunningIngest> cached = running.take(upload.id(), upload.offset());
    List<IngestTap> taps = cached.isEmpty() && !upload.partial() ? newTaps.get() : List.of();
    return workers.executeBlocking(() -> {
      FileChannel channel = files.openAt(upload.id(), upload.offset());
      try {
        RunningIngest ingest = cached.isPresent() ? cached.get() : rebuild(upload, upload.offset(), taps);
        return new AppendSession(channel, ingest, limit, syncEvery, checksum);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }, false).compose(session -> {
      // With a checksum, bytes synced during the PATCH may yet be discarded: only the kept end is reported.
      AppendWriteStream sink = new AppendWriteStream(workers, session, checksum.isPresent() ? p -> { } : onSynced);
      return body.pipe().endOnFailure(false).to(sink).transform(piped -> sink.drained().transform(written -> {
        Throwable failure = written.failed() ? written.cause() : piped.failed() ? piped.cause() : null;
        return workers.executeBlocking(() -> session.finish(failure == null), false).map(outcome -> {
          // Kept bytes are exactly the bytes the ingest saw (finish cuts off any a failed write left), so the
          // state stays good for the next PATCH even after a broken body; discarded ones were seen, so it goes.
          if (outcome.kept()) {
            running.keep(upload.id(), session.ingest());
          }
          syncAfter(session, outcome.position(), outcome.kept() ? onSynced : p -> { });
          return new Appended(outcome, failure);
        }).onFailure(e -> closeQuietly(session));
      }));
    });
  }

  /** The PATCH has answered; its last stretch becomes durable meanwhile (a failure only delays that). */
  private void syncAfter(AppendSession session, long position, LongConsumer onSynced) {
    workers.<Void>executeBlocking(() -> {
      session.syncAndClose();
      return null;
    }, false).onSuccess(v -> onSynced.accept(position))
        .onFailure(e -> LOG.warn("syncing an upload after its PATCH failed: {}", e.getMessage()));
  }

  private static void closeQuietly(AppendSession session) {
    try {
      session.close();
    } catch (IOException e) {
      LOG.debug("closing an upload file: {}", e.getMessage());
    }
  }

  /** Ends the ingest of an upload whose bytes have all arrived: SHA-256 and ended taps. */
  Future<Sealed> seal(UploadState upload) {
    Optional<RunningIngest> cached = running.take(upload.id(), upload.length());
    List<IngestTap> taps = cached.isEmpty() ? newTaps.get() : List.of();
    return workers.executeBlocking(() -> {
      RunningIngest ingest = cached.isPresent() ? cached.get() : rebuild(upload, upload.length(), taps);
      return new Sealed(ingest.finish(), ingest.taps());
    }, false);
  }

  /** Syncs the sealed file (its last PATCH answered before syncing) and renames it into the blob store. */
  Future<Ingested> adopt(UploadState upload, Sealed sealed) {
    return workers.executeBlocking(() -> {
      files.sync(upload.id());
      return new Ingested(blobs.adopt(files.path(upload.id()), sealed.sha256(), upload.length()), sealed.taps());
    }, false);
  }

  /**
   * For a completion a crash cut short after the file moved into the blob store: the blob is there, the
   * taps' findings are not, so they are rebuilt from the blob.
   */
  Future<Optional<Ingested>> alreadyAdopted(UploadState upload) {
    if (upload.sha256() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    List<IngestTap> taps = newTaps.get();
    return workers.executeBlocking(() -> {
      if (files.exists(upload.id()) || !blobs.exists(upload.sha256())) {
        return Optional.<Ingested>empty();
      }
      RunningIngest replayed = PartialFiles.replay(BlobSource.of(blobs, upload.sha256()), upload.length(),
          RunningIngest.hashing(taps));
      replayed.finish();
      return Optional.of(new Ingested(new Blob(upload.sha256(), upload.length()), replayed.taps()));
    }, false);
  }

  /** Writes the parts one after another into a new partial file, hashing and tapping them on the way. */
  Future<Void> concatenate(String id, List<UploadState> parts) {
    List<IngestTap> taps = newTaps.get();
    return workers.executeBlocking(() -> {
      RunningIngest ingest = RunningIngest.hashing(taps);
      ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
      try (FileChannel out = FileChannel.open(files.path(id), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        for (UploadState part : parts) {
          copy(part, out, ingest, buffer);
        }
        out.force(false);
      }
      running.keep(id, ingest);
      return null;
    }, false);
  }

  Future<Void> delete(String id) {
    running.forget(id);
    return workers.executeBlocking(() -> {
      files.delete(id);
      return null;
    }, false);
  }

  private void copy(UploadState part, FileChannel out, RunningIngest ingest, ByteBuffer buffer) throws IOException {
    try (FileChannel in = FileChannel.open(files.path(part.id()), StandardOpenOption.READ)) {
      long at = 0;
      while (at < part.length()) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), part.length() - at));
        int n = in.read(buffer, at);
        if (n < 0) {
          throw new IOException("partial upload " + part.id() + " is shorter than its " + part.length() + " bytes");
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

  /** Re-reads the recorded prefix of a partial file: the cost of losing the cached state (see README). */
  private RunningIngest rebuild(UploadState upload, long upTo, List<IngestTap> taps) throws IOException {
    if (upload.partial()) {
      return RunningIngest.positionOnly(upTo);
    }
    return PartialFiles.replay(files.path(upload.id()), upTo, RunningIngest.hashing(taps));
  }
}
