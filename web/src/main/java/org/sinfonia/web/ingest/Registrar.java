package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every door: a stored blob becomes a file (in a new item of the same name) in a folder,
 * then the listeners (DICOM index, previews) hear of it. The blob is already synced and in place.
 */
public final class Registrar {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private final TreeRepository tree;
  private final List<IngestListener> listeners;

  public Registrar(TreeRepository tree, List<IngestListener> listeners) {
    this.tree = tree;
    this.listeners = List.copyOf(listeners);
  }

  public Future<Resource> register(Resource folder, String name, String mimeType, Ingested ingested, String creator) {
    return tree.createItem(folder, name, "", new JsonObject(), creator)
        .compose(item -> tree.createFile(item, name, mimeType, ingested.blob(), creator))
        .compose(file -> notifyListeners(file, ingested).map(file));
  }

  private Future<Void> notifyListeners(Resource file, Ingested ingested) {
    List<Future<Void>> done = listeners.stream().map(l -> l.stored(file, ingested)
        .onFailure(e -> LOG.warn("after storing file {}: {}", file.id(), e.getMessage(), e))).toList();
    return Future.join(done).transform(ar -> Future.succeededFuture());
  }
}
