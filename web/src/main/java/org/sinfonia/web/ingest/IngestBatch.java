package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.web.repo.Resource;

/**
 * The files of one door's run (a STOW-RS request, say) into one folder, registered in batches: a
 * batch goes once no other file of the run is still in its byte pass (waiting longer would gain
 * nothing) or {@code maxBatch} files wait, and whatever is stored while a batch is being registered
 * goes next. A file alone costs no waiting; many together cost the database a few writes per batch
 * instead of several per file. A file whose name is taken leaves the batch for the service's one
 * naming rule. Used from one Vert.x context; one batch at a time.
 */
public final class IngestBatch {

  private record Waiting(
      Registration registration, IngestOptions options, Promise<IngestResult> done) {}

  private final IngestService service;
  private final Registrar registrar;
  private final Resource folder;
  private final int maxBatch;
  private final BooleanSupplier moreComing;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean busy;

  IngestBatch(
      IngestService service,
      Registrar registrar,
      Resource folder,
      int maxBatch,
      BooleanSupplier moreComing) {
    this.service = service;
    this.registrar = registrar;
    this.folder = folder;
    this.maxBatch = Math.max(1, maxBatch);
    this.moreComing = moreComing;
  }

  /**
   * One file of the run, as {@link IngestService#ingest} would take it. {@code stored} is called on
   * the context once its byte pass is over (either way), before the registration: the door's {@code
   * moreComing} changes then.
   */
  public Future<IngestResult> ingest(
      Origin origin, ReadStream<Buffer> body, IngestOptions options, Runnable stored) {
    return service
        .storeBytes(folder, body, options.gate())
        .andThen(
            x -> {
              stored.run();
              if (x.failed()) {
                next(); // files waiting for this one to join their batch go without it
              }
            })
        .compose(
            ingested -> {
              Promise<IngestResult> done = Promise.promise();
              waiting.add(
                  new Waiting(service.registration(origin, ingested, options), options, done));
              next();
              return done.future().recover(e -> service.settled(origin, ingested, e));
            },
            e -> service.settled(origin, null, e))
        .andThen(ar -> service.ended(origin, ar));
  }

  /**
   * The run's outlook changed (a file finished its byte pass, or failed to): a waiting batch may go
   * now.
   */
  public void next() {
    if (busy || waiting.isEmpty() || waiting.size() < maxBatch && moreComing.getAsBoolean()) {
      return;
    }
    busy = true;
    List<Waiting> batch = new ArrayList<>();
    while (!waiting.isEmpty() && batch.size() < maxBatch) {
      batch.add(waiting.poll());
    }
    List<Future<Resource>> results =
        registrar.registerAll(
            folder,
            batch.stream().map(Waiting::registration).toList(),
            batch.get(0).options().creator());
    List<Future<IngestResult>> placed = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Waiting w = batch.get(i);
      Future<IngestResult> one =
          results
              .get(i)
              .map(file -> IngestResult.of(IngestOutcome.STORED, file, w.registration().ingested()))
              .recover(
                  e ->
                      Placement.nameTaken(e)
                          ? service.resolve(
                              w.registration().origin(), folder, w.registration(), w.options())
                          : Future.failedFuture(e));
      one.onComplete(w.done());
      placed.add(one);
    }
    Future.join(placed)
        .onComplete(
            x -> {
              busy = false;
              next();
            });
  }
}
