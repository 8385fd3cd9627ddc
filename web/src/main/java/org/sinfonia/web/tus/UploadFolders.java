package org.sinfonia.web.tus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;

/**
 * Finds or creates the folders of a dropped folder's hierarchy under the target, one level at a
 * time. New folders inherit their parent's access; an existing one must grant the uploader WRITE.
 * Many files of one drop finish at once, so a folder another upload created a moment ago is simply
 * used.
 */
final class UploadFolders {

  private final TreeRepository tree;

  UploadFolders(TreeRepository tree) {
    this.tree = tree;
  }

  Future<Resource> resolve(Resource target, List<String> names, Principal caller) {
    Future<Resource> folder = Future.succeededFuture(target);
    for (String name : names) {
      folder = folder.compose(parent -> child(parent, name, caller));
    }
    return folder;
  }

  private Future<Resource> child(Resource parent, String name, Principal caller) {
    return tree.childFolder(parent, name)
        .compose(
            found -> {
              if (found.isPresent()) {
                return writable(found.get(), caller);
              }
              return tree.createFolder(
                      parent, name, "", new JsonObject(), parent.acl(), false, caller.login())
                  .recover(
                      e ->
                          e instanceof ApiError a && a.kind() == ApiError.Kind.CONFLICT
                              ? tree.childFolder(parent, name)
                                  .compose(
                                      again ->
                                          again.isPresent()
                                              ? writable(again.get(), caller)
                                              : Future.failedFuture(e))
                              : Future.failedFuture(e));
            });
  }

  private static Future<Resource> writable(Resource folder, Principal caller) {
    AccessPolicy.require(caller, folder.acl(), Level.WRITE, "folder", folder.id());
    return Future.succeededFuture(folder);
  }
}
