package org.sinfonia.web.repo;

import io.vertx.core.Future;

/**
 * What became of one {@link NewFile} of a batch: the created file, or why nothing of it was kept.
 */
public record FileOutcome(Resource file, Throwable failure) {

  public static FileOutcome created(Resource file) {
    return new FileOutcome(file, null);
  }

  public static FileOutcome failed(Throwable failure) {
    return new FileOutcome(null, failure);
  }

  public boolean ok() {
    return failure == null;
  }

  public Future<Resource> asFuture() {
    return ok() ? Future.succeededFuture(file) : Future.failedFuture(failure);
  }
}
