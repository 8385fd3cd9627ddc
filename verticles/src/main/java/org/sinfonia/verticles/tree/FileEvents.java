package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.web.repo.Resource;

/**
 * What indexes kept beside the tree (the DICOM index) must hear when files go, move or change
 * access. Called after the tree changed; failures are logged by the caller and repaired by
 * re-indexing.
 */
public interface FileEvents {

  Future<Void> removed(List<Resource> files);

  /** Files now live in other folders (their documents already say where). */
  Future<Void> relocated(List<String> fileIds);

  /** The folders' contents now apply {@code access} ({@code acl} + {@code readers}). */
  Future<Void> accessChanged(List<String> folderIds, JsonObject access);

  FileEvents NONE =
      new FileEvents() {
        @Override
        public Future<Void> removed(List<Resource> files) {
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> relocated(List<String> fileIds) {
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> accessChanged(List<String> folderIds, JsonObject access) {
          return Future.succeededFuture();
        }
      };
}
