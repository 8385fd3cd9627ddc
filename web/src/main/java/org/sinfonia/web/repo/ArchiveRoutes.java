package org.sinfonia.web.repo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.InputStream;
import java.util.List;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.zip.ZipStreamWriter;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.ResponseOutputStream;
import org.sinfonia.web.audit.Audit;

/**
 * {@code GET /{collections|folders|items}/{id}/download}: a zip built on the fly as it is sent
 * (ZIP64 when needed), never staged on disk, holding only what the caller can read. The zip writer
 * runs on a worker and is paced by the client through {@link ResponseOutputStream}.
 */
public final class ArchiveRoutes {

  private static final long STALL_LIMIT_MS = 5 * 60 * 1000;

  private final TreeReader tree;
  private final Requires requires;
  private final BlobStore blobs;
  private final WorkerExecutor workers;
  private final Audit audit;
  private final int deflateLevel;

  /**
   * @param deflateLevel {@code zip.writerDeflateLevel}: 0 (stored blocks inside deflate, no CPU) to
   *     9
   */
  public ArchiveRoutes(
      TreeReader tree,
      Requires requires,
      BlobStore blobs,
      WorkerExecutor workers,
      Audit audit,
      int deflateLevel) {
    this.tree = tree;
    this.requires = requires;
    this.blobs = blobs;
    this.workers = workers;
    this.audit = audit;
    this.deflateLevel = deflateLevel;
  }

  public void register(ApiRouter api) {
    for (ResourceType type :
        List.of(ResourceType.COLLECTION, ResourceType.FOLDER, ResourceType.ITEM)) {
      api.streaming(
          HttpMethod.GET,
          "/" + type.plural() + "/:id/download",
          requires.level(Level.READ, type, "id"),
          this::download);
    }
  }

  private void download(RoutingContext rc) {
    Resource root = Loaded.of(rc).resource();
    plan(rc, root)
        .compose(
            plan -> {
              rc.response()
                  .setChunked(true)
                  .putHeader("Content-Type", "application/zip")
                  .putHeader(
                      "Content-Disposition",
                      DownloadRoutes.disposition(root.name() + ".zip", false))
                  .putHeader("Cache-Control", "no-store");
              Context context = Vertx.currentContext();
              return workers.<Long>executeBlocking(
                  () ->
                      write(plan, new ResponseOutputStream(context, rc.response(), STALL_LIMIT_MS)),
                  false);
            })
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    "download.zip",
                    root.type().singular(),
                    root.id(),
                    ar.cause(),
                    ar.succeeded() ? ar.result() + " bytes" : null))
        .onSuccess(bytes -> rc.response().end())
        .onFailure(rc::fail);
  }

  private Future<ArchivePlan> plan(RoutingContext rc, Resource root) {
    if (root.type() == ResourceType.ITEM) {
      return tree.files(root).map(files -> ArchivePlan.of(root, List.of(), List.of(root), files));
    }
    return tree.subtreeFolders(root, AccessPolicy.readerTokens(Caller.of(rc)))
        .compose(
            folders -> {
              List<String> ids = folders.stream().map(Resource::id).toList();
              return tree.itemsOfFolders(ids)
                  .compose(
                      items ->
                          tree.filesOfFolders(ids)
                              .map(files -> ArchivePlan.of(root, folders, items, files)));
            });
  }

  /** Blocking: streams every entry from the blob store into the zip; returns the bytes sent. */
  private long write(ArchivePlan plan, ResponseOutputStream out) throws Exception {
    try (ZipStreamWriter zip = new ZipStreamWriter(out, deflateLevel)) {
      for (String dir : plan.directories()) {
        zip.addDirectory(dir);
      }
      for (ArchivePlan.Entry e : plan.files()) {
        try (InputStream in = BlobSource.of(blobs, e.sha256()).stream()) {
          zip.addFile(e.path(), e.size(), e.modified(), in);
        }
      }
      zip.finish();
      out.close();
      return zip.bytesWritten();
    }
  }
}
