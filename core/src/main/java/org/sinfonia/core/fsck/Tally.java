package org.sinfonia.core.fsck;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Sums per key (sizes of what a folder holds, files per blob, instances per series part). */
public final class Tally {

  private final Map<String, Long> sums = new HashMap<>();

  public void add(String key, long n) {
    sums.merge(key, n, Long::sum);
  }

  public long get(String key) {
    return sums.getOrDefault(key, 0L);
  }

  public boolean has(String key) {
    return sums.containsKey(key);
  }

  public Set<String> keys() {
    return sums.keySet();
  }
}
