package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import java.util.function.BooleanSupplier;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ingest.IngestBatch;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeWriter;

/**
 * STOW-RS into the repository: the target is the configured folder (WRITE checked) or the caller's
 * home, and parts go through the one ingest path ({@link IngestService#batch}), registered in
 * batches.
 */
public final class RepositoryStow implements StowDestination {

  private final IngestService ingest;
  private final TreeWriter tree;
  private final Requires requires;

  /**
   * Where STOW-RS at {@code /dicom-web} stores: "home" (the caller's home folder) or a folder id.
   */
  private final String defaultFolder;

  public RepositoryStow(
      IngestService ingest, TreeWriter tree, Requires requires, String defaultFolder) {
    this.ingest = ingest;
    this.tree = tree;
    this.requires = requires;
    this.defaultFolder = defaultFolder;
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

  @Override
  public Run open(Resource folder, int maxBatch, BooleanSupplier moreComing) {
    IngestBatch batch = ingest.batch(folder, maxBatch, moreComing);
    return batch::ingest;
  }
}
