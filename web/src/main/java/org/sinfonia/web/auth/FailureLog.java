package org.sinfonia.web.auth;

import io.vertx.core.Future;
import java.util.List;

/** The most recent failed-login times (epoch millis) per throttling key, shared by every node. */
public interface FailureLog {

  Future<List<Long>> recent(String key);

  /** Appends a failure, keeping only the newest {@code keep} times. */
  Future<Void> record(String key, long atMillis, int keep);

  Future<Void> clear(String key);
}
