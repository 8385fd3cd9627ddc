package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.web.repo.Resource;

/**
 * Registers the files of one door's run (a STOW-RS request, say) into one folder in batches: the first file
 * goes at once, and whatever is stored while a batch is being registered goes next, up to {@code maxBatch}
 * together. A file that arrives alone costs no waiting; many that arrive together cost the database a few
 * writes per batch instead of several per file. Used from one Vert.x context; one batch at a time.
 */
public final class RegistrationQueue {

  private record Waiting(Registration registration, Promise<Resource> done) {
  }

  private final Registrar registrar;
  private final Resource folder;
  private final String creator;
  private final int maxBatch;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean busy;

  public RegistrationQueue(Registrar registrar, Resource folder, String creator, int maxBatch) {
    this.registrar = registrar;
    this.folder = folder;
    this.creator = creator;
    this.maxBatch = Math.max(1, maxBatch);
  }

  /** Completes as {@link Registrar#register} would, once the batch holding this file is registered. */
  public Future<Resource> register(String name, String mimeType, Ingested ingested) {
    Promise<Resource> done = Promise.promise();
    waiting.add(new Waiting(new Registration(name, mimeType, ingested), done));
    next();
    return done.future();
  }

  private void next() {
    if (busy || waiting.isEmpty()) {
      return;
    }
    busy = true;
    List<Waiting> batch = new ArrayList<>();
    while (!waiting.isEmpty() && batch.size() < maxBatch) {
      batch.add(waiting.poll());
    }
    List<Future<Resource>> results = registrar.registerAll(folder,
        batch.stream().map(Waiting::registration).toList(), creator);
    for (int i = 0; i < batch.size(); i++) {
      results.get(i).onComplete(batch.get(i).done());
    }
    Future.join(results).onComplete(x -> {
      busy = false;
      next();
    });
  }
}
