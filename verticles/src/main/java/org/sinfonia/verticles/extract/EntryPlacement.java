package org.sinfonia.verticles.extract;

import static org.sinfonia.verticles.jobs.JobContext.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.IngestSession;
import org.sinfonia.core.ingest.IngestTap;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.worker.WorkerWait;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.ingest.MimeTypes;
import org.sinfonia.web.ingest.Registrar;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.core.ingest.ConflictPolicy;

/**
 * Puts one extracted file into its folder under the conflict policy, blocking on the job's thread. The bytes go once
 * through the ingest pipeline (blob + SHA-256 + DICOM header) and the file is recorded with the {@link Registrar},
 * exactly as through any other door.
 *
 * <p>Before anything is registered the folder is searched for the name (case-insensitively) and an item there that
 * already holds the same SHA-256 means the entry is done ({@code UNCHANGED}): a re-run, or a job resumed after a crash
 * between registering an entry and checkpointing it, never registers an entry twice. With {@code skip} the existing
 * item is kept without storing anything: the entry is only hashed (when the sizes match) to tell {@code UNCHANGED}
 * from {@code KEPT}, so no unreferenced blob is left behind.
 *
 * <p>The common case, a name not taken yet, waits neither for the disk nor for the database: {@link #place} writes the
 * entry's bytes into a new blob, then hands the blob's commit (its fsync and rename) and the registration to the
 * ingest workers and returns them in flight ({@link Registering}). The caller keeps a few going while the next
 * entries are read (for small files the syncs and the MongoDB round trips, not the bytes, are what takes time) and
 * {@link #settle}s them in entry order. A name taken meanwhile (another job) is resolved then, under the same policy.
 */
final class EntryPlacement {

  /** How an entry ended up. */
  enum Outcome { STORED, RENAMED, OVERWRITTEN, UNCHANGED, KEPT }

  /** What {@link #place} did: finished, or a new item's registration still in flight. */
  sealed interface Placed permits Done, Registering {
  }

  record Done(Outcome outcome) implements Placed {
  }

  /** A blob being committed ({@code stored}), then registered as a new item ({@code registration}). */
  record Registering(CompletableFuture<Ingested> stored, CompletableFuture<Resource> registration, Resource folder,
                     String name) implements Placed {
  }

  private static final int CHUNK = 256 << 10;
  private static final int MAX_RENAMES = 1000;

  private final TreeRepository tree;
  private final Registrar registrar;
  private final Ingest ingest;
  private final BlobStore blobs;
  private final ConflictPolicy policy;
  private final String creator;
  private final Runnable beforeConflict;
  private final WorkerExecutor commits;
  private final byte[] buffer = new byte[CHUNK];

  /**
   * @param commits        where blobs are committed (fsync + rename) while the job reads on
   * @param beforeConflict called before an existing name is dealt with: lets registrations in flight finish first
   */
  EntryPlacement(TreeRepository tree, Registrar registrar, Ingest ingest, BlobStore blobs, WorkerExecutor commits,
                 ConflictPolicy policy, String creator, Runnable beforeConflict) {
    this.tree = tree;
    this.registrar = registrar;
    this.ingest = ingest;
    this.blobs = blobs;
    this.policy = policy;
    this.creator = creator;
    this.beforeConflict = beforeConflict;
    this.commits = commits;
  }

  Placed place(Resource folder, String name, InputStream content, long declaredSize) throws IOException {
    Optional<Resource> existing = await(tree.findChild(folder, ResourceType.ITEM, name));
    if (existing.isEmpty()) {
      List<IngestTap> taps = ingest.newTaps();
      IngestSession session = write(content, taps);
      Future<Ingested> stored = commits.executeBlocking(() -> new Ingested(session.finish(), taps), false);
      Future<Resource> registered = stored.compose(ingested -> registrar.register(folder, name,
          MimeTypes.guess(name, ingested), ingested, creator));
      return new Registering(stored.toCompletionStage().toCompletableFuture(),
          registered.toCompletionStage().toCompletableFuture(), folder, name);
    }
    beforeConflict.run();
    List<Resource> existingFiles = await(tree.files(existing.get()));
    if (!existingFiles.isEmpty() && policy == ConflictPolicy.SKIP) {
      if (declaredSize >= 0 && existingFiles.stream().noneMatch(f -> f.size() == declaredSize)) {
        return new Done(Outcome.KEPT);
      }
      return new Done(holds(existingFiles, sha256(content)) ? Outcome.UNCHANGED : Outcome.KEPT);
    }
    Ingested ingested = store(content);
    return new Done(resolve(folder, name, existing.get(), existingFiles, MimeTypes.guess(name, ingested), ingested));
  }

  /** Waits for a registration {@link #place} left in flight; a name taken meanwhile is resolved under the policy. */
  Outcome settle(Registering r) {
    WorkerWait.requireMayBlock();
    try {
      r.registration().get(5, TimeUnit.MINUTES);
      return Outcome.STORED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering " + r.name(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from the database while registering " + r.name(), e);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof ApiError a)) {
        throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
      }
      if (a.kind() != ApiError.Kind.CONFLICT) {
        throw a;
      }
    }
    Ingested ingested = r.stored().join();            // committed: only the registration met the name
    Resource item = await(tree.findChild(r.folder(), ResourceType.ITEM, r.name())).orElseThrow(() ->
        ApiError.conflict("DUPLICATE_NAME", "'%s' could be neither created nor found", r.name()));
    List<Resource> files = await(tree.files(item));
    if (policy == ConflictPolicy.SKIP && !files.isEmpty()) {
      return holds(files, ingested.blob().sha256()) ? Outcome.UNCHANGED : Outcome.KEPT;
    }
    return resolve(r.folder(), r.name(), item, files, MimeTypes.guess(r.name(), ingested), ingested);
  }

  /** The stored entry meets an existing item of its name (not {@code skip} with files: that never stores). */
  private Outcome resolve(Resource folder, String name, Resource existing, List<Resource> existingFiles,
                          String mimeType, Ingested ingested) {
    if (existingFiles.isEmpty()) {
      // An item without files is what a registration interrupted between the item and its file leaves behind.
      await(registrar.registerInItem(existing, existing.name(), mimeType, ingested, creator));
      return Outcome.STORED;
    }
    return switch (policy) {
      case SKIP -> throw new IllegalStateException("skip never stores over an existing item");
      case RENAME -> rename(folder, name, existing, existingFiles, mimeType, ingested);
      case OVERWRITE -> overwrite(existing, existingFiles, mimeType, ingested);
    };
  }

  private Outcome rename(Resource folder, String name, Resource first, List<Resource> firstFiles, String mimeType,
                         Ingested ingested) {
    String sha256 = ingested.blob().sha256();
    if (holds(firstFiles, sha256)) {
      return Outcome.UNCHANGED;
    }
    for (int n = 1; n <= MAX_RENAMES; n++) {
      String candidate = ConflictPolicy.renamed(name, n);
      Optional<Resource> item = await(tree.findChild(folder, ResourceType.ITEM, candidate));
      if (item.isEmpty()) {
        if (registerNew(folder, candidate, mimeType, ingested)) {
          return Outcome.RENAMED;
        }
        item = await(tree.findChild(folder, ResourceType.ITEM, candidate));   // taken meanwhile: look at it
        if (item.isEmpty()) {
          continue;
        }
      }
      List<Resource> files = await(tree.files(item.get()));
      if (holds(files, sha256)) {
        return Outcome.UNCHANGED;
      }
      if (files.isEmpty()) {
        await(registrar.registerInItem(item.get(), item.get().name(), mimeType, ingested, creator));
        return Outcome.RENAMED;
      }
    }
    throw ApiError.conflict("NO_FREE_NAME", "%d items named like '%s' already exist in the folder", MAX_RENAMES, name);
  }

  /**
   * Replaces the item's files by the entry; the item keeps its id, name, description and metadata. The new file takes
   * the item's name, which an old file may hold, so the old files go first: a crash in between leaves the item without
   * files, and the resumed job fills it (see {@link #resolve}).
   */
  private Outcome overwrite(Resource item, List<Resource> files, String mimeType, Ingested ingested) {
    if (holds(files, ingested.blob().sha256())) {
      return Outcome.UNCHANGED;
    }
    for (Resource old : files) {
      await(tree.delete(old));
    }
    await(registrar.registerInItem(item, item.name(), mimeType, ingested, creator));
    return Outcome.OVERWRITTEN;
  }

  /** A new item holding the file; false if the name was taken meanwhile (another job). */
  private boolean registerNew(Resource folder, String name, String mimeType, Ingested ingested) {
    try {
      await(registrar.register(folder, name, mimeType, ingested, creator));
      return true;
    } catch (ApiError e) {
      if (e.kind() == ApiError.Kind.CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  private static boolean holds(List<Resource> files, String sha256) {
    return files.stream().anyMatch(f -> sha256.equals(f.doc().getString("sha256")));
  }

  /** Reads the entry to its end (where the guard checks size and CRC) into a new blob; nothing is kept on failure. */
  private Ingested store(InputStream content) throws IOException {
    List<IngestTap> taps = ingest.newTaps();
    try (IngestSession session = write(content, taps)) {
      return new Ingested(session.finish(), taps);
    }
  }

  /** Writes the entry to its end into an uncommitted blob; aborted (nothing kept) if the entry fails. */
  private IngestSession write(InputStream content, List<IngestTap> taps) throws IOException {
    IngestSession session = new IngestSession(blobs.create(), ingest.limits(), taps);
    try {
      for (int n; (n = content.read(buffer)) >= 0; ) {
        if (n > 0) {
          session.write(ByteBuffer.wrap(buffer, 0, n));
        }
      }
      return session;
    } catch (IOException | RuntimeException e) {
      session.abort();
      throw e;
    }
  }

  private String sha256(InputStream content) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int n; (n = content.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
