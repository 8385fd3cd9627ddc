package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.dicomweb.DicomIndexReader.StoredInstance;
import org.sinfonia.web.ingest.IngestBatch;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeWriter;

/**
 * STOW-RS into the repository: the target is the configured folder (WRITE checked) or the caller's
 * home; a request at one study's address joins the folder that already holds that study (a viewer
 * saving a measurement report puts it next to the images). Parts go through the one ingest path
 * ({@link IngestService#batch}), registered in batches.
 */
public final class RepositoryStow implements StowDestination {

  private final IngestService ingest;
  private final TreeWriter tree;
  private final Requires requires;
  private final DicomIndexReader index;

  /**
   * Where STOW-RS at {@code /dicom-web} stores: "home" (the caller's home folder) or a folder id.
   */
  private final String defaultFolder;

  public RepositoryStow(
      IngestService ingest,
      TreeWriter tree,
      Requires requires,
      String defaultFolder,
      DicomIndexReader index) {
    this.ingest = ingest;
    this.tree = tree;
    this.requires = requires;
    this.defaultFolder = defaultFolder;
    this.index = index;
  }

  @Override
  public Future<Resource> target(Principal caller) {
    if (defaultFolder.isBlank() || defaultFolder.equals("home")) {
      return tree.homeFolder(caller.login());
    }
    return requires
        .load(caller, ResourceType.FOLDER, defaultFolder, Level.WRITE)
        .map(Loaded::resource);
  }

  /**
   * The folder holding most of the study's instances that the caller may WRITE; a study the caller
   * may only read is refused (its instances would otherwise land apart from it, in a folder nobody
   * else sees); a study the caller cannot see goes where {@link #target} says.
   */
  @Override
  public Future<Resource> targetForStudy(Principal caller, String studyUid) {
    DicomScope scope = new DicomScope(AccessPolicy.readerTokens(caller), Optional.empty());
    return index
        .instances(scope, studyUid, null, null)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return target(caller);
              }
              Map<String, Integer> counts = new LinkedHashMap<>();
              for (StoredInstance i : found) {
                counts.merge(i.folderId(), 1, Integer::sum);
              }
              List<String> folders = new ArrayList<>(counts.keySet());
              folders.sort(Comparator.comparing((String f) -> -counts.get(f)));
              return firstWritable(caller, studyUid, folders, 0);
            });
  }

  private Future<Resource> firstWritable(
      Principal caller, String studyUid, List<String> folders, int next) {
    if (next == folders.size()) {
      return Future.failedFuture(
          ApiError.forbidden(
              "STUDY_NOT_WRITABLE",
              "you may read study %s but not add to it: its folder needs WRITE for you (ask its"
                  + " owner to share it with WRITE)",
              studyUid));
    }
    return requires
        .load(caller, ResourceType.FOLDER, folders.get(next), Level.WRITE)
        .map(Loaded::resource)
        .recover(e -> firstWritable(caller, studyUid, folders, next + 1));
  }

  @Override
  public Run open(Resource folder, int maxBatch, BooleanSupplier moreComing) {
    IngestBatch batch = ingest.batch(folder, maxBatch, moreComing);
    return batch::ingest;
  }
}
