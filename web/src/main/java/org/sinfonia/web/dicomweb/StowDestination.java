package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.BooleanSupplier;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.web.ingest.IngestResult;
import org.sinfonia.web.repo.Resource;

/**
 * Where STOW-RS stores, the only way its handler knows the repository (as tusd's handler knows
 * storage only through its store interfaces): the folder a request at the whole repository goes to,
 * and a run that takes one request's parts and answers each with its typed result. {@link
 * RepositoryStow} is the repository's; a test can plug in a stand-in and mount the handler alone.
 */
public interface StowDestination {

  /**
   * The folder STOW-RS at {@code /dicom-web} stores into for {@code caller} (the configured one,
   * else the caller's home), with WRITE. A folder-rooted request's folder is the route's instead.
   */
  Future<Resource> target(Principal caller);

  /**
   * The folder STOW-RS at {@code /dicom-web/studies/{study}} stores into: where that study already
   * is, if the caller may WRITE there (refused if they may only read it), else {@link #target}.
   */
  default Future<Resource> targetForStudy(Principal caller, String studyUid) {
    return target(caller);
  }

  /**
   * One request's parts into {@code folder}, registered in batches of at most {@code maxBatch}; a
   * batch waits while {@code moreComing} says parts are still in their byte pass.
   */
  Run open(Resource folder, int maxBatch, BooleanSupplier moreComing);

  /** The parts of one request, each streamed through the byte pass and filed. */
  @FunctionalInterface
  interface Run {

    /**
     * One part: its bytes through the byte pass and {@code options}' gate, then filed. {@code
     * stored} is called on the context once its byte pass is over (either way). A refusal comes
     * back as a result; only a failure that is nobody's fault in the request fails the future.
     */
    Future<IngestResult> ingest(
        Origin origin, ReadStream<Buffer> part, IngestOptions options, Runnable stored);
  }
}
