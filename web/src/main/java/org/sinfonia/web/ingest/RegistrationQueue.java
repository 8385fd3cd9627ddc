package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sinfonia.web.repo.Resource;

/**
 * Registers the files of one door's run (a STOW-RS request, say) into one folder in batches: a batch goes once
 * no other file of the run is still being stored (waiting longer would gain nothing) or {@code maxBatch} files
 * wait, and whatever is stored while a batch is being registered goes next. A file that arrives alone costs no
 * waiting; many that arrive together cost the database a few writes per batch instead of several per file.
 * Used from one Vert.x context; one batch at a time.
 */
public final class RegistrationQueue {

  private record Waiting(Registration registration, Promise<Resource> done) {
  }

  private final Registrar registrar;
  private final Resource folder;
  private final String creator;
  private final int maxBatch;
  private final BooleanSupplier moreComing;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean busy;

  /** @param moreComing whether files of the run are still being stored (and would join the next batch) */
  public RegistrationQueue(Registrar registrar, Resource folder, String creator, int maxBatch,
                           BooleanSupplier moreComing) {
    this.registrar = registrar;
    this.folder = folder;
    this.creator = creator;
    this.maxBatch = Math.max(1, maxBatch);
    this.moreComing = moreComing;
  }

  /** Completes as {@link Registrar#register} would, once the batch holding this file is registered. */
  public Future<Resource> register(String name, String mimeType, Ingested ingested) {
    Promise<Resource> done = Promise.promise();
    waiting.add(new Waiting(new Registration(name, mimeType, ingested), done));
    next();
    return done.future();
  }

  /** The run's outlook changed (a file finished storing, or failed to): a waiting batch may go now. */
  public void next() {
    if (busy || waiting.isEmpty() || waiting.size() < maxBatch && moreComing.getAsBoolean()) {
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
