package org.sinfonia.web.tus;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.zip.ExtractAfterUpload;

/**
 * The whole tus 1.0.0 URL surface at {@code /api/v1/uploads}, each route with its access declared.
 * Bodies are never read by a body handler: PATCH and POST stream straight into the store. {@code
 * POST /uploads/:id} with {@code X-HTTP-Method-Override} serves clients behind proxies that only
 * pass GET and POST.
 */
public final class TusRoutes {

  private final TusAccess access;
  private final TusHandler handler;
  private final TusCreation creation;

  public TusRoutes(
      UploadStore store,
      UploadLocks locks,
      Requires requires,
      TreeRepository tree,
      IngestService ingest,
      TusEndpoint endpoint,
      ExtractAfterUpload extractions,
      Clock clock) {
    this(store, locks, new RepositoryUploads(requires, tree, ingest, extractions), endpoint, clock);
  }

  /**
   * The handler over its ports only: where uploads live, their locks, and where finished ones go.
   */
  public TusRoutes(
      UploadStore store,
      UploadLocks locks,
      UploadDestination destination,
      TusEndpoint endpoint,
      Clock clock) {
    TusCapabilities capabilities = TusCapabilities.of(store);
    ExclusiveUploads exclusive = new ExclusiveUploads(store, locks);
    UploadCompletion completion = new UploadCompletion(store, destination);
    this.access = new TusAccess(store, destination);
    this.handler = new TusHandler(capabilities, exclusive, completion, endpoint, clock);
    this.creation = new TusCreation(capabilities, exclusive, locks, completion, endpoint);
  }

  public void register(ApiRouter api) {
    api.streaming(HttpMethod.OPTIONS, "/uploads", access.discovery(), handler::options);
    api.streaming(HttpMethod.OPTIONS, "/uploads/:id", access.discovery(), handler::options);
    api.streaming(HttpMethod.POST, "/uploads", access.creation(), creation::create);
    api.head("/uploads/:id", access.ownUpload(), handler::head);
    api.streaming(HttpMethod.PATCH, "/uploads/:id", access.ownUpload(), handler::patch);
    api.streaming(HttpMethod.DELETE, "/uploads/:id", access.ownUpload(), handler::delete);
    api.streaming(HttpMethod.POST, "/uploads/:id", access.ownUpload(), this::methodOverride);
  }

  private void methodOverride(RoutingContext rc) {
    String method = String.valueOf(rc.request().getHeader("X-HTTP-Method-Override")).toUpperCase();
    Handler<RoutingContext> target =
        switch (method) {
          case "PATCH" -> handler::patch;
          case "DELETE" -> handler::delete;
          case "HEAD" -> handler::head;
          default -> ctx -> ctx.fail(405);
        };
    target.handle(rc);
  }
}
