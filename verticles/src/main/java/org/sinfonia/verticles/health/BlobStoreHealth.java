package org.sinfonia.verticles.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.web.system.HealthCheck;

/** The blob store accepts a write; reports the free space of its file system. */
public final class BlobStoreHealth implements HealthCheck {

  private final Vertx vertx;
  private final BlobStore store;
  private final Path root;

  public BlobStoreHealth(Vertx vertx, BlobStore store, Path root) {
    this.vertx = vertx;
    this.store = store;
    this.root = root;
  }

  @Override
  public String name() {
    return "blobStore";
  }

  @Override
  public Future<JsonObject> check() {
    return vertx.executeBlocking(
        () -> {
          store.checkWritable();
          return new JsonObject().put("freeBytes", Files.getFileStore(root).getUsableSpace());
        },
        false);
  }
}
