package org.sinfonia.web.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * This node's running ingest state per upload, between PATCHes. A cache, not the truth: an entry is
 * used only if it stands exactly at the upload's recorded offset (the bytes below a recorded offset
 * never change, so equal positions mean equal prefixes); otherwise the state is rebuilt from the
 * file. An entry is taken out while a PATCH works with it and put back only if that PATCH ended
 * cleanly.
 */
final class RunningIngests {

  private final Cache<String, RunningIngest> states;

  RunningIngests(Duration idle, long maxEntries) {
    this.states = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxEntries).build();
  }

  Optional<RunningIngest> take(String uploadId, long offset) {
    RunningIngest state = states.asMap().remove(uploadId);
    return state != null && state.position() == offset ? Optional.of(state) : Optional.empty();
  }

  void keep(String uploadId, RunningIngest state) {
    states.put(uploadId, state);
  }

  void forget(String uploadId) {
    states.invalidate(uploadId);
  }
}
