package org.sinfonia.verticles.sftp;

import io.vertx.core.Future;
import java.time.Duration;

/** The SFTP door's name for the one blocking bridge ({@link org.sinfonia.web.worker.Blocking}), same error policy. */
final class Blocking {

  private Blocking() {
  }

  static <T> T await(Future<T> future, Duration timeout) {
    return org.sinfonia.web.worker.Blocking.await(future, timeout);
  }

  static <T> T await(Future<T> future) {
    return org.sinfonia.web.worker.Blocking.await(future);
  }
}
