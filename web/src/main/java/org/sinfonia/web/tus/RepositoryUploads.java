package org.sinfonia.web.tus;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.upload.RelativePath;
import org.sinfonia.core.upload.UploadMetadataKeys;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.ingest.Ingested;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.zip.ExtractAfterUpload;

/**
 * Finished uploads go into the repository through the same {@link IngestService} as every other
 * door (its naming rule, registration and listeners). WRITE on the target is checked again at
 * completion: an upload can take days, and access may have been withdrawn meanwhile. With the
 * metadata {@code extract=true} the registered file is then handed to the zip extraction job
 * ({@link ExtractAfterUpload}) before the upload records its file, so a crash in between queues the
 * extraction again rather than losing it (a second extraction of the same zip into the same folder
 * finds every entry in place and adds nothing).
 */
public final class RepositoryUploads implements UploadDestination {

  private final Requires requires;
  private final TreeRepository tree;
  private final UploadFolders folders;
  private final IngestService ingest;
  private final ExtractAfterUpload extractions;

  public RepositoryUploads(
      Requires requires,
      TreeRepository tree,
      IngestService ingest,
      ExtractAfterUpload extractions) {
    this.requires = requires;
    this.tree = tree;
    this.folders = new UploadFolders(tree);
    this.ingest = ingest;
    this.extractions = extractions;
  }

  @Override
  public Future<String> target(Principal caller, String folderId) {
    Future<String> id =
        folderId == null || folderId.isEmpty()
            ? tree.homeFolder(caller.login()).map(Resource::id)
            : Future.succeededFuture(folderId);
    return id.compose(f -> requires.load(caller, ResourceType.FOLDER, f, Level.WRITE))
        .map(l -> l.resource().id());
  }

  @Override
  public Future<String> file(
      UploadState upload, Principal caller, Function<PrivacyStage, Future<Ingested>> bytes) {
    String filename = ResourceNames.require(upload.filename());
    String mimeType = upload.metadata().get(UploadMetadataKeys.FILETYPE);
    return requires
        .load(caller, ResourceType.FOLDER, upload.targetFolderId(), Level.WRITE)
        .compose(
            target ->
                folders.resolve(
                    target.resource(),
                    RelativePath.folders(
                        upload.metadata().get(UploadMetadataKeys.RELATIVE_PATH), filename),
                    caller))
        .compose(folder -> place(folder, upload, filename, mimeType, bytes))
        .compose(file -> extract(upload, file).map(v -> file.id()));
  }

  private Future<Void> extract(UploadState upload, Resource file) {
    Optional<ConflictPolicy> policy = ExtractAfterUpload.wanted(upload.metadata());
    return policy.isEmpty()
        ? Future.succeededFuture()
        : extractions.submit(upload.owner(), file, file.folderId(), policy.get(), "tus").mapEmpty();
  }

  /**
   * Seals the bytes under the folder's privacy policy and places the file under the one naming rule
   * of ingest; the same bytes already in the folder (a repeated upload) complete the upload with
   * the file that holds them. A refusal fails the completion with its reason.
   */
  private Future<Resource> place(
      Resource folder,
      UploadState upload,
      String filename,
      String mimeType,
      Function<PrivacyStage, Future<Ingested>> bytes) {
    IngestOptions options = IngestOptions.named(filename, upload.owner()).withMediaType(mimeType);
    return ingest
        .complete(new Origin.Tus(upload.owner(), upload.id()), folder, bytes, options)
        .compose(
            result ->
                result.holdsFile()
                    ? Future.succeededFuture(result.file())
                    : Future.failedFuture(
                        result.reason() != null
                            ? result.reason()
                            : ApiError.conflict(
                                "NOT_STORED", "the upload was not stored (%s)", result.outcome())));
  }
}
