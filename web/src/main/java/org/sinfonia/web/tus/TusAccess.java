package org.sinfonia.web.tus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.access.OwnerPolicy;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.upload.UploadMetadataKeys;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.Access;
import org.sinfonia.web.Caller;

/**
 * The access declarations of the tus routes. Each checks the protocol version first, then loads
 * what the route works on and leaves it on the context: an upload only its creator (or a site
 * administrator) may see, anyone else being told it does not exist; or, for creation, the target
 * folder with WRITE.
 */
final class TusAccess {

  private static final String UPLOAD = "sinfonia.tus.upload";
  private static final String CREATION = "sinfonia.tus.creation";

  /** Owners of recently used uploads this node remembers (a few dozen bytes each). */
  private static final long OWNERS_KEPT = 100_000;

  private final UploadStore store;
  private final UploadDestination destination;
  private final Cache<String, String> owners =
      Caffeine.newBuilder().maximumSize(OWNERS_KEPT).expireAfterAccess(Duration.ofHours(1)).build();

  TusAccess(UploadStore store, UploadDestination destination) {
    this.store = store;
    this.destination = destination;
  }

  /** OPTIONS: discovery is public. */
  Access discovery() {
    return Access.anyone();
  }

  /** HEAD, PATCH, DELETE of {@code /uploads/:id}: the caller's own upload. */
  Access ownUpload() {
    Access user = Access.user();
    return rc -> {
      TusHeaders.requireVersion(rc.request(), rc.response());
      String id = rc.pathParam("id");
      Principal caller = Caller.of(rc);
      return user.check(rc)
          .compose(v -> requireOwner(caller, id))
          .map(
              v -> {
                rc.put(UPLOAD, id);
                return null;
              });
    };
  }

  /**
   * POST {@code /uploads}: the target folder named in the metadata (or the caller's home), with
   * WRITE.
   */
  Access creation() {
    Access user = Access.user();
    return rc -> {
      TusHeaders.requireVersion(rc.request(), rc.response());
      Map<String, String> metadata = TusHeaders.metadata(rc.request());
      ConcatRequest concat = TusHeaders.concat(rc.request());
      Principal caller = Caller.of(rc);
      return user.check(rc)
          .compose(
              v ->
                  concat.kind() == UploadState.Concat.PARTIAL
                      ? Future.succeededFuture((String) null)
                      : destination.target(caller, metadata.get(UploadMetadataKeys.FOLDER_ID)))
          .compose(
              target ->
                  parts(caller, concat.partIds())
                      .map(parts -> new CreationRequest(metadata, concat, target, parts)))
          .map(
              request -> {
                rc.put(CREATION, request);
                return null;
              });
    };
  }

  /**
   * The id of the upload the route works on; whether it still exists is for the work under its lock
   * to see.
   */
  static String uploadId(RoutingContext rc) {
    return require(rc.get(UPLOAD));
  }

  static CreationRequest creationRequest(RoutingContext rc) {
    return require(rc.get(CREATION));
  }

  /**
   * The caller's own upload passes; someone else's does not exist as far as the caller can tell. An
   * upload's owner never changes, so it is remembered: a client's many PATCHes read the upload only
   * under the lock.
   */
  private Future<Void> requireOwner(Principal caller, String id) {
    if (!plausibleId(id)) {
      return Future.failedFuture(TusErrors.notFound(String.valueOf(id)));
    }
    String known = owners.getIfPresent(id);
    Future<String> owner =
        known != null
            ? Future.succeededFuture(known)
            : store.find(id).map(found -> found.map(this::rememberOwner).orElse(null));
    return owner.compose(
        o ->
            o != null && OwnerPolicy.mayUse(caller, o)
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(TusErrors.notFound(id)));
  }

  /**
   * Loads the caller's own upload (the parts of a concatenation), as {@link #requireOwner} decides.
   */
  private Future<UploadState> owned(Principal caller, String id) {
    if (!plausibleId(id)) {
      return Future.failedFuture(TusErrors.notFound(String.valueOf(id)));
    }
    return store
        .find(id)
        .compose(
            found ->
                found.isPresent() && OwnerPolicy.mayUse(caller, found.get().owner())
                    ? Future.succeededFuture(found.get())
                    : Future.failedFuture(TusErrors.notFound(id)));
  }

  private String rememberOwner(UploadState upload) {
    owners.put(upload.id(), upload.owner());
    return upload.owner();
  }

  private static boolean plausibleId(String id) {
    return id != null && !id.isEmpty() && id.length() <= 64;
  }

  private Future<List<UploadState>> parts(Principal caller, List<String> ids) {
    List<Future<UploadState>> loads = ids.stream().map(id -> owned(caller, id)).toList();
    return Future.all(loads).map(all -> all.<UploadState>list());
  }

  private static <T> T require(T loaded) {
    if (loaded == null) {
      throw new IllegalStateException("tus route without its access declaration");
    }
    return loaded;
  }
}
