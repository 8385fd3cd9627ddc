package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.web.Caller;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeReader;

/**
 * Builds a request's {@link DicomScope}: the caller's reader tokens, and the readable subtree of a
 * folder root.
 */
public final class DicomScopes {

  private final TreeReader tree;

  public DicomScopes(TreeReader tree) {
    this.tree = tree;
  }

  public Future<DicomScope> of(RoutingContext rc) {
    Optional<List<String>> readers = AccessPolicy.readerTokens(Caller.of(rc));
    if (rc.pathParam("folderId") == null) {
      return Future.succeededFuture(new DicomScope(readers, Optional.empty()));
    }
    Resource root = Loaded.of(rc).resource(); // the route's access check loaded it (READ at least)
    return tree.subtreeFolders(root, readers)
        .map(
            folders -> {
              Set<String> ids = folders.stream().map(Resource::id).collect(Collectors.toSet());
              ids.add(root.id());
              return new DicomScope(readers, Optional.of(ids));
            });
  }
}
