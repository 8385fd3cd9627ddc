package org.sinfonia.web.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
  private final Counter files;
  private final Counter bytes;

  public Registrar(TreeRepository tree, List<IngestListener> listeners, MeterRegistry metrics) {
    this.tree = tree;
    this.listeners = List.copyOf(listeners);
    this.files = Counter.builder("sinfonia.ingest.files").description("files stored through any door").register(metrics);
    this.bytes = Counter.builder("sinfonia.ingest.bytes").baseUnit("bytes").description("bytes of files stored")
        .register(metrics);
  }

  public Future<Resource> register(Resource folder, String name, String mimeType, Ingested ingested, String creator) {
    return tree.createItem(folder, name, "", new JsonObject(), creator)
        .compose(item -> registerInItem(item, name, mimeType, ingested, creator));
  }

  /** The same last step for a file added to an existing item. */
  public Future<Resource> registerInItem(Resource item, String name, String mimeType, Ingested ingested,
                                         String creator) {
    return tree.createFile(item, name, mimeType, ingested.blob(), creator)
        .onSuccess(file -> {
          files.increment();
          bytes.increment(ingested.blob().size());
        })
        .compose(file -> notifyListeners(file, ingested).map(file));
  }

  private Future<Void> notifyListeners(Resource file, Ingested ingested) {
    List<Future<Void>> done = listeners.stream().map(l -> l.stored(file, ingested)
        .onFailure(e -> LOG.warn("after storing file {}: {}", file.id(), e.getMessage(), e))).toList();
    return Future.join(done).transform(ar -> Future.succeededFuture());
  }
}
