package org.sinfonia.web.tus;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadState;
import org.sinfonia.web.Caller;

/**
 * The tus core on an existing upload (OPTIONS, HEAD, PATCH, DELETE): headers, offsets and statuses.
 * Storage and locking are the ports'; every state-changing step runs under the upload's lock.
 */
final class TusHandler {

  private final TusCapabilities capabilities;
  private final ExclusiveUploads exclusive;
  private final UploadCompletion completion;
  private final TusEndpoint endpoint;
  private final Clock clock;

  TusHandler(
      TusCapabilities capabilities,
      ExclusiveUploads exclusive,
      UploadCompletion completion,
      TusEndpoint endpoint,
      Clock clock) {
    this.capabilities = capabilities;
    this.exclusive = exclusive;
    this.completion = completion;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  void options(RoutingContext rc) {
    HttpServerResponse response =
        rc.response()
            .setStatusCode(204)
            .putHeader("Tus-Resumable", TusHeaders.VERSION)
            .putHeader("Tus-Version", TusHeaders.VERSION)
            .putHeader("Tus-Extension", capabilities.extensionHeader())
            .putHeader("Tus-Max-Size", Long.toString(endpoint.maxSize()));
    if (!capabilities.checksums().isEmpty()) {
      response.putHeader("Tus-Checksum-Algorithm", capabilities.checksumHeader());
    }
    response.end();
  }

  /**
   * Reports the offset; also finishes a completion that a crash interrupted, so the file is not
   * lost.
   */
  void head(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    exclusive
        .update(
            rc,
            TusAccess.uploadId(rc),
            upload -> {
              if (upload.expired(clock.instant())) {
                return Future.<UploadState>failedFuture(TusErrors.expired(upload.id()));
              }
              return completion.complete(upload, caller);
            })
        .onSuccess(
            upload -> {
              HttpServerResponse response =
                  rc.response().setStatusCode(200).putHeader("Cache-Control", "no-store");
              TusHeaders.describe(response, upload, endpoint.uploadsUrl(rc));
              if (!upload.metadata().isEmpty()) {
                response.putHeader("Upload-Metadata", TusHeaders.encodeMetadata(upload.metadata()));
              }
              response.end();
            })
        .onFailure(rc::fail);
  }

  void patch(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    TusHeaders.requireOffsetStream(request);
    long offset = TusHeaders.uploadOffset(request);
    OptionalLong declaredLength = TusHeaders.uploadLength(request);
    Optional<UploadChecksum> checksum = capabilities.checksum(request);
    OptionalLong contentLength = TusHeaders.contentLength(request);
    Principal caller = Caller.of(rc);
    exclusive
        .update(
            rc,
            TusAccess.uploadId(rc),
            upload -> {
              requirePatchable(upload, offset);
              return declareLength(upload, declaredLength)
                  .compose(
                      sized -> {
                        requireFits(sized, offset, contentLength);
                        TusHeaders.acceptBody(request, rc.response());
                        return capabilities.store().append(sized, request, checksum);
                      })
                  .compose(appended -> completion.complete(appended, caller));
            })
        .onSuccess(
            upload -> {
              HttpServerResponse response = rc.response().setStatusCode(204);
              TusHeaders.describe(response, upload, endpoint.uploadsUrl(rc));
              response.end();
            })
        .onFailure(rc::fail);
  }

  void delete(RoutingContext rc) {
    TerminatingStore terminator =
        capabilities.terminator().orElseThrow(() -> TusErrors.extensionUnavailable("termination"));
    exclusive
        .run(rc, TusAccess.uploadId(rc), terminator::terminate)
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void requirePatchable(UploadState upload, long offset) {
    if (upload.finalConcatenation()) {
      throw TusErrors.finalNotPatchable();
    }
    if (upload.expired(clock.instant())) {
      throw TusErrors.expired(upload.id());
    }
    if (upload.offset() != offset) {
      throw TusErrors.offsetMismatch(upload.offset(), offset);
    }
  }

  private Future<UploadState> declareLength(UploadState upload, OptionalLong length) {
    if (length.isEmpty()) {
      return Future.succeededFuture(upload);
    }
    if (!upload.lengthDeferred()) {
      if (length.getAsLong() != upload.length()) {
        throw TusErrors.lengthAlreadySet();
      }
      return Future.succeededFuture(upload);
    }
    if (length.getAsLong() > endpoint.maxSize()) {
      throw TusErrors.tooLarge(endpoint.maxSize());
    }
    if (length.getAsLong() < upload.offset()) {
      throw TusErrors.invalidHeader("Upload-Length", "smaller than the bytes already received");
    }
    LengthDeferringStore deferrer =
        capabilities
            .deferrer()
            .orElseThrow(() -> TusErrors.extensionUnavailable("creation-defer-length"));
    return deferrer.declareLength(upload, length.getAsLong());
  }

  private void requireFits(UploadState upload, long offset, OptionalLong contentLength) {
    long limit = upload.lengthDeferred() ? endpoint.maxSize() : upload.length();
    if (contentLength.isPresent() && offset + contentLength.getAsLong() > limit) {
      throw upload.lengthDeferred() ? TusErrors.tooLarge(limit) : TusErrors.exceedsLength(limit);
    }
  }
}
