package org.sinfonia.web.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.web.repo.FileOutcome;
import org.sinfonia.web.repo.NewFile;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every door: a stored blob becomes a file (in a new item of the same name) in a
 * folder, then the listeners (DICOM index, previews) hear of it. The blob is already synced and in
 * place. Many blobs bound for one folder are best registered together ({@link #registerAll}): the
 * tree and the listeners then write per batch, not per file.
 */
public final class Registrar {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private final TreeWriter tree;
  private final List<IngestListener> listeners;
  private final Counter files;
  private final Counter bytes;

  public Registrar(TreeWriter tree, List<IngestListener> listeners, MeterRegistry metrics) {
    this.tree = tree;
    this.listeners = List.copyOf(listeners);
    this.files =
        Counter.builder("sinfonia.ingest.files")
            .description("files stored through any door")
            .register(metrics);
    this.bytes =
        Counter.builder("sinfonia.ingest.bytes")
            .baseUnit("bytes")
            .description("bytes of files stored")
            .register(metrics);
  }

  public Future<Resource> register(Resource folder, Registration registration, String creator) {
    return registerAll(folder, List.of(registration), creator).get(0);
  }

  /**
   * Registers a batch of blobs into one folder, each as a file in a new item of its name. One
   * future per entry, in order, completing once that file is recorded and the listeners have heard
   * of it; an entry that fails (a name already taken: {@code DUPLICATE_NAME}) leaves nothing of
   * itself and never fails the others.
   */
  public List<Future<Resource>> registerAll(
      Resource folder, List<Registration> batch, String creator) {
    List<NewFile> wanted =
        batch.stream()
            .map(r -> new NewFile(r.name(), r.mimeType(), r.ingested().blob(), facts(r)))
            .toList();
    Future<List<FileOutcome>> done =
        tree.createItemsWithFiles(folder, wanted, creator)
            .compose(
                outcomes -> {
                  List<StoredFile> stored = new ArrayList<>();
                  for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).ok()) {
                      stored.add(new StoredFile(outcomes.get(i).file(), batch.get(i).ingested()));
                    }
                  }
                  counted(stored);
                  return notifyListeners(stored).map(outcomes);
                });
    return IntStream.range(0, batch.size())
        .mapToObj(i -> done.compose(o -> o.get(i).asFuture()))
        .toList();
  }

  /** The same last step for a file added to an existing item. */
  public Future<Resource> registerInItem(Resource item, Registration registration, String creator) {
    return tree.createFile(
            item,
            registration.name(),
            registration.mimeType(),
            registration.ingested().blob(),
            facts(registration),
            creator)
        .compose(
            file -> {
              List<StoredFile> stored = List.of(new StoredFile(file, registration.ingested()));
              counted(stored);
              return notifyListeners(stored).map(file);
            });
  }

  /**
   * What the file record carries from the start: its door, and what the listeners learnt of the
   * bytes.
   */
  private JsonObject facts(Registration registration) {
    JsonObject facts = new JsonObject();
    if (registration.origin() != null) {
      facts.put(
          "origin",
          new JsonObject(new LinkedHashMap<String, Object>(registration.origin().describe())));
    }
    registration
        .ingested()
        .tap(PrivacyStage.class)
        .map(PrivacyStage::summary)
        .ifPresent(summary -> facts.put("privacy", new JsonObject(Json.encode(summary))));
    for (IngestListener l : listeners) {
      JsonObject f = l.fileFacts(registration.ingested());
      if (f != null) {
        facts.mergeIn(f);
      }
    }
    return facts;
  }

  private void counted(List<StoredFile> stored) {
    for (StoredFile f : stored) {
      files.increment();
      bytes.increment(f.ingested().blob().size());
    }
  }

  private Future<Void> notifyListeners(List<StoredFile> stored) {
    if (stored.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> done =
        listeners.stream()
            .map(
                l ->
                    l.storedAll(stored)
                        .onFailure(
                            e ->
                                LOG.warn(
                                    "after storing {} file(s), first {}: {}",
                                    stored.size(),
                                    stored.get(0).file().id(),
                                    e.getMessage(),
                                    e)))
            .toList();
    return Future.join(done).transform(ar -> Future.succeededFuture());
  }
}
