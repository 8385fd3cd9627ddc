package org.sinfonia.core.zip;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sinfonia.core.ingest.FileNames;

/**
 * Makes the paths written into one archive unique: a file whose path is taken becomes {@code name
 * (1).ext}, {@code name (2).ext}, ...; a directory path that is taken by a directory is merged, one
 * taken by a file is renamed the same way and later paths below it follow the rename. Paths compare
 * case-insensitively, because the archive will often be unpacked on Windows or macOS, where {@code
 * A.dcm} and {@code a.dcm} are one file.
 */
final class UniqueEntryNames {

  private final Set<String> taken = new HashSet<>();
  private final Set<String> directories = new HashSet<>();
  private final Map<String, String> directoryAliases = new HashMap<>();
  private final Map<String, Integer> nextSuffix = new HashMap<>();
  private final Set<String> written = new HashSet<>();

  /** The path to write for a file at {@code segments}. */
  String file(List<String> segments) {
    String parent = parents(segments, segments.size() - 1);
    String wanted = join(parent, segments.get(segments.size() - 1));
    String actual = isTaken(wanted) ? numbered(wanted) : wanted;
    take(actual);
    return actual;
  }

  /**
   * The path to write for a directory entry at {@code segments}, or null when an entry for that
   * directory is already written (directories implied by earlier files get their entry now).
   */
  String directory(List<String> segments) {
    String parent = parents(segments, segments.size() - 1);
    String actual = directoryFor(join(parent, segments.get(segments.size() - 1)));
    return written.add(key(actual)) ? actual : null;
  }

  /**
   * Resolves (creating as needed) the first {@code count} segments as directories; returns the
   * actual path.
   */
  private String parents(List<String> segments, int count) {
    String parent = "";
    for (int i = 0; i < count; i++) {
      parent = directoryFor(join(parent, segments.get(i)));
    }
    return parent;
  }

  private String directoryFor(String wanted) {
    String key = key(wanted);
    String alias = directoryAliases.get(key);
    if (alias != null) {
      return alias;
    }
    String actual = isTaken(wanted) && !directories.contains(key) ? numbered(wanted) : wanted;
    take(actual);
    directories.add(key(actual));
    directoryAliases.put(key, actual);
    return actual;
  }

  /**
   * {@code name (k).ext} (the one naming rule, {@link FileNames}) with the smallest k not yet used
   * for this path.
   */
  private String numbered(String wanted) {
    int slash = wanted.lastIndexOf('/');
    String dir = wanted.substring(0, slash + 1);
    String leaf = wanted.substring(slash + 1);
    int k = nextSuffix.getOrDefault(key(wanted), 2);
    String candidate;
    do {
      candidate = dir + FileNames.numbered(leaf, k++);
    } while (isTaken(candidate));
    nextSuffix.put(key(wanted), k);
    return candidate;
  }

  private boolean isTaken(String path) {
    return taken.contains(key(path));
  }

  private void take(String path) {
    taken.add(key(path));
  }

  private static String join(String parent, String segment) {
    return parent.isEmpty() ? segment : parent + "/" + segment;
  }

  private static String key(String path) {
    return path.toLowerCase(Locale.ROOT);
  }
}
