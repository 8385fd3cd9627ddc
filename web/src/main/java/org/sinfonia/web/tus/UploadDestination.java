package org.sinfonia.web.tus;

import io.vertx.core.Future;
import java.util.function.Function;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.ingest.Ingested;

/**
 * Where finished uploads go, the only way the tus handler knows the repository (as tusd's handler
 * knows storage only through its store interfaces): the target folder a creation names, and the
 * file a completed upload becomes. {@link RepositoryUploads} is the repository's; a test can plug
 * in a stand-in and mount the handler alone.
 */
public interface UploadDestination {

  /**
   * Creation: the folder named (or, when none is, the caller's home), with WRITE; answers its id.
   */
  Future<String> target(Principal caller, String folderId);

  /**
   * Completion: checks WRITE on the upload's target again, finds or creates the folders of its
   * relative path, then takes its bytes ({@code bytes}, the store's completion, given the privacy
   * stage of the folder they go to) and files them under the one naming rule; answers the
   * repository file's id. Safe to run again after a crash.
   */
  Future<String> file(
      UploadState upload, Principal caller, Function<PrivacyStage, Future<Ingested>> bytes);
}
