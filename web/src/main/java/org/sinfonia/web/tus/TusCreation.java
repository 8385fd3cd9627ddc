package org.sinfonia.web.tus;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.upload.RelativePath;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadMetadataKeys;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.Caller;
import org.sinfonia.web.zip.ExtractAfterUpload;

/**
 * {@code POST /uploads}: the creation extension with its variants (creation-with-upload,
 * defer-length, a partial upload, a final concatenation of partial ones). Answers 201 with the new
 * upload's URL.
 */
final class TusCreation {

  private final TusCapabilities capabilities;
  private final ExclusiveUploads exclusive;
  private final UploadLocks locks;
  private final UploadCompletion completion;
  private final TusEndpoint endpoint;

  TusCreation(
      TusCapabilities capabilities,
      ExclusiveUploads exclusive,
      UploadLocks locks,
      UploadCompletion completion,
      TusEndpoint endpoint) {
    this.capabilities = capabilities;
    this.exclusive = exclusive;
    this.locks = locks;
    this.completion = completion;
    this.endpoint = endpoint;
  }

  void create(RoutingContext rc) {
    CreationRequest creation = TusAccess.creationRequest(rc);
    if (creation.concat().kind() == UploadState.Concat.FINAL) {
      concatenate(rc, creation);
      return;
    }
    HttpServerRequest request = rc.request();
    boolean deferred = TusHeaders.deferLength(request);
    OptionalLong length = TusHeaders.uploadLength(request);
    if (deferred == length.isPresent()) {
      throw TusErrors.lengthAndDeferral();
    }
    if (deferred && capabilities.deferrer().isEmpty()) {
      throw TusErrors.extensionUnavailable("creation-defer-length");
    }
    if (length.isPresent() && length.getAsLong() > endpoint.maxSize()) {
      throw TusErrors.tooLarge(endpoint.maxSize());
    }
    boolean partial = creation.concat().kind() == UploadState.Concat.PARTIAL;
    if (!partial) {
      requireNames(creation.metadata());
    }
    boolean withBytes = TusHeaders.hasOffsetStream(request);
    Optional<UploadChecksum> checksum =
        withBytes ? capabilities.checksum(request) : Optional.empty();
    OptionalLong contentLength = TusHeaders.contentLength(request);
    if (withBytes
        && length.isPresent()
        && contentLength.isPresent()
        && contentLength.getAsLong() > length.getAsLong()) {
      throw TusErrors.exceedsLength(length.getAsLong());
    }
    Principal caller = Caller.of(rc);
    NewUpload upload =
        new NewUpload(
            caller.login(),
            deferred ? UploadState.DEFERRED : length.getAsLong(),
            creation.metadata(),
            creation.concat().kind(),
            List.of(),
            partial ? null : creation.targetId());
    capabilities
        .store()
        .create(upload)
        .map(created -> located(rc, created))
        .compose(
            created ->
                !withBytes && !UploadCompletion.pending(created)
                    ? Future.succeededFuture(created)
                    : exclusive.run(
                        rc,
                        created.id(),
                        fresh ->
                            (withBytes
                                    ? accepted(rc)
                                        .compose(
                                            v ->
                                                capabilities
                                                    .store()
                                                    .append(fresh, request, checksum))
                                    : Future.succeededFuture(fresh))
                                .compose(appended -> completion.complete(appended, caller))))
        .onSuccess(created -> created(rc, created))
        .onFailure(rc::fail);
  }

  /** A final upload: the caller's complete partial uploads, joined in the order given. */
  private void concatenate(RoutingContext rc, CreationRequest creation) {
    ConcatenatingStore concatenator =
        capabilities
            .concatenator()
            .orElseThrow(() -> TusErrors.extensionUnavailable("concatenation"));
    if (rc.request().getHeader("Upload-Length") != null || creation.parts().isEmpty()) {
      throw TusErrors.invalidHeader(
          "Upload-Concat", "a final upload names its parts and no Upload-Length");
    }
    if (creation.concat().partIds().stream().distinct().count() != creation.parts().size()) {
      throw TusErrors.invalidHeader("Upload-Concat", "a part can be named only once");
    }
    requireNames(creation.metadata());
    long total = 0;
    for (UploadState part : creation.parts()) {
      if (!part.partial()) {
        throw TusErrors.notAPartialUpload(part.id());
      }
      if (!part.allBytesReceived()) {
        throw TusErrors.partNotReady(part.id());
      }
      total += part.length();
    }
    if (total > endpoint.maxSize()) {
      throw TusErrors.tooLarge(endpoint.maxSize());
    }
    Principal caller = Caller.of(rc);
    NewUpload upload =
        new NewUpload(
            caller.login(),
            total,
            creation.metadata(),
            UploadState.Concat.FINAL,
            creation.parts().stream().map(UploadState::id).toList(),
            creation.targetId());
    List<UploadLocks.UploadLease> held = new ArrayList<>();
    lockAll(creation.parts(), held)
        .compose(v -> concatenator.concatenate(upload, creation.parts()))
        .compose(joined -> completion.complete(joined, caller))
        .eventually(() -> Future.join(held.stream().map(UploadLocks.UploadLease::release).toList()))
        .onSuccess(joined -> created(rc, joined))
        .onFailure(rc::fail);
  }

  /**
   * Parts are locked one after another (never all at once), so two finals sharing parts cannot
   * deadlock.
   */
  private Future<Void> lockAll(List<UploadState> parts, List<UploadLocks.UploadLease> held) {
    Future<Void> chain = Future.succeededFuture();
    for (UploadState part : parts.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
      chain =
          chain.compose(
              v ->
                  locks
                      .acquire(part.id(), () -> {})
                      .map(
                          lease -> {
                            held.add(lease);
                            return null;
                          }));
    }
    return chain;
  }

  private static Future<Void> accepted(RoutingContext rc) {
    TusHeaders.acceptBody(rc.request(), rc.response());
    return Future.succeededFuture();
  }

  /**
   * The upload exists from here on: an error in the creation-with-upload bytes that follow (460,
   * 503) still names it, as tusd does, so the client can HEAD and resume instead of creating it
   * again.
   */
  private UploadState located(RoutingContext rc, UploadState upload) {
    rc.response().putHeader("Location", endpoint.uploadsUrl(rc) + "/" + upload.id());
    return upload;
  }

  private void created(RoutingContext rc, UploadState upload) {
    String uploads = endpoint.uploadsUrl(rc);
    HttpServerResponse response =
        rc.response().setStatusCode(201).putHeader("Location", uploads + "/" + upload.id());
    TusHeaders.describe(response, upload, uploads);
    response.end();
  }

  /**
   * Names (and the extraction options) are checked at creation, so a bad one is refused before any
   * byte is sent.
   */
  private static void requireNames(Map<String, String> metadata) {
    String filename = metadata.get(UploadMetadataKeys.FILENAME);
    if (filename == null || filename.isBlank()) {
      throw TusErrors.filenameRequired();
    }
    RelativePath.folders(
        metadata.get(UploadMetadataKeys.RELATIVE_PATH), ResourceNames.require(filename));
    ExtractAfterUpload.wanted(metadata);
  }
}
