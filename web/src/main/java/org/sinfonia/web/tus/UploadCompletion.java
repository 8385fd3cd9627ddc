package org.sinfonia.web.tus;

import org.sinfonia.core.ingest.FileNames;
import io.vertx.core.Future;
import java.util.Optional;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.upload.RelativePath;
import org.sinfonia.core.upload.UploadMetadataKeys;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.ingest.Registrar;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.zip.ConflictPolicy;
import org.sinfonia.web.zip.ExtractAfterUpload;

/**
 * Turns an upload that has all its bytes into a repository file through the same {@link Registrar} as every
 * other door. WRITE on the target is checked again here: an upload can take days, and access may have been
 * withdrawn meanwhile. Safe to run again after a crash interrupted it (every step is idempotent). With the metadata
 * {@code extract=true} the registered file is then handed to the zip extraction job ({@link ExtractAfterUpload})
 * before the upload records its file, so a crash in between queues the extraction again rather than losing it (a
 * second extraction of the same zip into the same folder finds every entry in place and adds nothing).
 */
final class UploadCompletion {

  /** A folder drop can hold many files of one name; after this many suffixes something else is wrong. */
  private static final int MAX_NAME_SUFFIX = 100;

  private final UploadStore store;
  private final Requires requires;
  private final UploadFolders folders;
  private final Registrar registrar;
  private final ExtractAfterUpload extractions;

  UploadCompletion(UploadStore store, Requires requires, UploadFolders folders, Registrar registrar,
                   ExtractAfterUpload extractions) {
    this.store = store;
    this.requires = requires;
    this.folders = folders;
    this.registrar = registrar;
    this.extractions = extractions;
  }

  /** Whether {@link #complete} has work to do for this upload. */
  static boolean pending(UploadState upload) {
    return upload.allBytesReceived() && !upload.partial() && !upload.registered();
  }

  Future<UploadState> complete(UploadState upload, Principal caller) {
    if (!pending(upload)) {
      return Future.succeededFuture(upload);
    }
    String filename = ResourceNames.require(upload.filename());
    String mimeType = mimeType(upload.metadata().get(UploadMetadataKeys.FILETYPE));
    return requires.load(caller, ResourceType.FOLDER, upload.targetFolderId(), Level.WRITE)
        .compose(target -> folders.resolve(target.resource(),
            RelativePath.folders(upload.metadata().get(UploadMetadataKeys.RELATIVE_PATH), filename), caller))
        .compose(folder -> store.complete(upload)
            .compose(ingested -> register(folder, filename, mimeType, ingested, upload.owner(), 1)))
        .compose(file -> extract(upload, file).compose(v -> store.registered(upload, file.id())));
  }

  private Future<Void> extract(UploadState upload, Resource file) {
    Optional<ConflictPolicy> policy = ExtractAfterUpload.wanted(upload.metadata());
    return policy.isEmpty() ? Future.succeededFuture()
        : extractions.submit(upload.owner(), file, file.folderId(), policy.get(), "tus").mapEmpty();
  }

  /** Registers under the file's own name, or "name (2).ext" and so on when the folder already has one. */
  private Future<Resource> register(Resource folder, String filename, String mimeType, Ingested ingested,
                                    String owner, int attempt) {
    String name = FileNames.numbered(filename, attempt);
    return registrar.register(folder, name, mimeType, ingested, owner).recover(e ->
        e instanceof ApiError a && a.code().equals("DUPLICATE_NAME") && attempt < MAX_NAME_SUFFIX
            ? register(folder, filename, mimeType, ingested, owner, attempt + 1) : Future.failedFuture(e));
  }

  private static String mimeType(String filetype) {
    return filetype == null || filetype.isBlank() || filetype.length() > 255 ? "application/octet-stream"
        : filetype.strip();
  }
}
