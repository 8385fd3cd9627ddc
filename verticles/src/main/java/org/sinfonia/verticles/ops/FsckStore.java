package org.sinfonia.verticles.ops;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.fsck.BlobRule;

/**
 * What fsck reads through, blocking (it runs on the command's own thread, never on an event loop):
 * the database in pages ordered by {@code _id}, so a live node's writes meanwhile never hold a
 * cursor open or repeat a document, and the blob store's files.
 */
final class FsckStore {

  static final int PAGE = 500;

  final Vertx vertx;
  final MongoClient mongo;
  final BlobStore blobs;
  final Path blobDir;
  final WorkerExecutor workers;
  private final long progressEvery;
  private final PrintStream progress;

  FsckStore(
      Vertx vertx,
      MongoClient mongo,
      BlobStore blobs,
      Path blobDir,
      WorkerExecutor workers,
      long progressEvery,
      PrintStream progress) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.blobs = blobs;
    this.blobDir = blobDir;
    this.workers = workers;
    this.progressEvery = progressEvery;
    this.progress = progress;
  }

  static <T> T await(Future<T> f) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("fsck waits for the database: never on an event loop");
    }
    try {
      return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r ? r : new IllegalStateException(c.getMessage(), c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the database did not answer in 5 minutes", e);
    }
  }

  /**
   * Every document of {@code collection} matching {@code query} (which must not constrain {@code
   * _id}), page by page; {@code fields} null for whole documents.
   */
  long scan(String collection, JsonObject query, JsonObject fields, Consumer<JsonObject> each) {
    String last = null;
    long n = 0;
    while (true) {
      JsonObject q = query.copy();
      if (last != null) {
        q.put("_id", new JsonObject().put("$gt", last));
      }
      FindOptions options =
          new FindOptions().setSort(new JsonObject().put("_id", 1)).setLimit(PAGE);
      if (fields != null) {
        options.setFields(fields);
      }
      List<JsonObject> page = await(mongo.findWithOptions(collection, q, options));
      for (JsonObject doc : page) {
        each.accept(doc);
        n++;
        if (n % progressEvery == 0) {
          progress.println("fsck: " + collection + ": " + n + " read");
        }
      }
      if (page.size() < PAGE) {
        return n;
      }
      last = page.get(page.size() - 1).getString("_id");
    }
  }

  JsonObject findOne(String collection, JsonObject query) {
    return await(mongo.findOne(collection, query, null));
  }

  long count(String collection, JsonObject query) {
    return await(mongo.count(collection, query));
  }

  /** Each stored blob: its address and the file that holds it. */
  void eachBlob(Consumer<Path> each) {
    if (!Files.isDirectory(blobDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(blobDir)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> BlobRule.isAddress(p.getFileName().toString()))
          .forEach(each);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
