package org.sinfonia.verticles.extract;

import static org.sinfonia.verticles.jobs.JobContext.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.IngestSession;
import org.sinfonia.core.ingest.IngestTap;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ingest.Ingest;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.ingest.MimeTypes;
import org.sinfonia.web.ingest.Registrar;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.zip.ConflictPolicy;

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
 */
final class EntryPlacement {

  /** How an entry ended up. */
  enum Outcome { STORED, RENAMED, OVERWRITTEN, UNCHANGED, KEPT }

  private static final int CHUNK = 256 << 10;
  private static final int MAX_RENAMES = 1000;

  private final TreeRepository tree;
  private final Registrar registrar;
  private final Ingest ingest;
  private final BlobStore blobs;
  private final ConflictPolicy policy;
  private final String creator;
  private final byte[] buffer = new byte[CHUNK];

  EntryPlacement(TreeRepository tree, Registrar registrar, Ingest ingest, BlobStore blobs, ConflictPolicy policy,
                 String creator) {
    this.tree = tree;
    this.registrar = registrar;
    this.ingest = ingest;
    this.blobs = blobs;
    this.policy = policy;
    this.creator = creator;
  }

  Outcome place(Resource folder, String name, InputStream content, long declaredSize) throws IOException {
    Optional<Resource> existing = await(tree.findChild(folder, ResourceType.ITEM, name));
    List<Resource> existingFiles = existing.isPresent() ? await(tree.files(existing.get())) : List.of();
    if (existing.isPresent() && !existingFiles.isEmpty() && policy == ConflictPolicy.SKIP) {
      if (declaredSize >= 0 && existingFiles.stream().noneMatch(f -> f.size() == declaredSize)) {
        return Outcome.KEPT;
      }
      return holds(existingFiles, sha256(content)) ? Outcome.UNCHANGED : Outcome.KEPT;
    }
    Ingested ingested = store(content);
    String mimeType = MimeTypes.guess(name, ingested);
    if (existing.isPresent() && existingFiles.isEmpty()) {
      // An item without files is what a registration interrupted between the item and its file leaves behind.
      await(registrar.registerInItem(existing.get(), name, mimeType, ingested, creator));
      return Outcome.STORED;
    }
    return switch (policy) {
      case SKIP -> registerNew(folder, name, mimeType, ingested, Outcome.STORED).orElse(Outcome.KEPT);
      case RENAME -> rename(folder, name, existing, mimeType, ingested);
      case OVERWRITE -> overwrite(folder, name, existing, existingFiles, mimeType, ingested);
    };
  }

  private Outcome rename(Resource folder, String name, Optional<Resource> first, String mimeType, Ingested ingested) {
    String sha256 = ingested.blob().sha256();
    for (int n = 0; n <= MAX_RENAMES; n++) {
      String candidate = ConflictPolicy.renamed(name, n);
      Optional<Resource> item = n == 0 ? first : await(tree.findChild(folder, ResourceType.ITEM, candidate));
      if (item.isEmpty()) {
        Optional<Outcome> done = registerNew(folder, candidate, mimeType, ingested,
            n == 0 ? Outcome.STORED : Outcome.RENAMED);
        if (done.isPresent()) {
          return done.get();
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
      if (files.isEmpty() && n > 0) {
        await(registrar.registerInItem(item.get(), candidate, mimeType, ingested, creator));
        return Outcome.RENAMED;
      }
    }
    throw ApiError.conflict("NO_FREE_NAME", "%d items named like '%s' already exist in the folder", MAX_RENAMES, name);
  }

  private Outcome overwrite(Resource folder, String name, Optional<Resource> existing, List<Resource> existingFiles,
                            String mimeType, Ingested ingested) {
    if (existing.isEmpty()) {
      Optional<Outcome> done = registerNew(folder, name, mimeType, ingested, Outcome.STORED);
      if (done.isPresent()) {
        return done.get();
      }
      // Taken meanwhile (a duplicate entry in a concurrent job): overwrite that one.
      Resource item = await(tree.findChild(folder, ResourceType.ITEM, name)).orElseThrow(() ->
          ApiError.conflict("DUPLICATE_NAME", "'%s' could be neither created nor found", name));
      return overwrite(folder, name, Optional.of(item), await(tree.files(item)), mimeType, ingested);
    }
    if (holds(existingFiles, ingested.blob().sha256())) {
      return Outcome.UNCHANGED;
    }
    // The new file takes the old one's name inside the item, so the old files go first. A crash in between leaves
    // the item without files, and the resumed job fills it (see place()).
    for (Resource old : existingFiles) {
      await(tree.delete(old));
    }
    await(registrar.registerInItem(existing.get(), name, mimeType, ingested, creator));
    return Outcome.OVERWRITTEN;
  }

  /** A new item holding the file; empty if the name was taken meanwhile (another job, a duplicate entry). */
  private Optional<Outcome> registerNew(Resource folder, String name, String mimeType, Ingested ingested,
                                        Outcome outcome) {
    try {
      await(registrar.register(folder, name, mimeType, ingested, creator));
      return Optional.of(outcome);
    } catch (ApiError e) {
      if (e.kind() == ApiError.Kind.CONFLICT) {
        return Optional.empty();
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
    try (IngestSession session = new IngestSession(blobs.create(), ingest.limits(), taps)) {
      for (int n; (n = content.read(buffer)) >= 0; ) {
        if (n > 0) {
          session.write(ByteBuffer.wrap(buffer, 0, n));
        }
      }
      Blob blob = session.finish();
      return new Ingested(blob, taps);
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
