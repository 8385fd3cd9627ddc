package org.sinfonia.core.zip;

import java.util.List;

/**
 * A safe, relative location inside the extraction target: one or more non-empty segments, none of
 * them {@code .} or {@code ..}, none containing a separator or control character. Only {@link
 * ZipEntryNames} makes them from archive names, so a sink never sees anything else.
 *
 * @param segments path segments, outermost first
 * @param directory whether the entry names a directory (its raw name ended with a separator)
 */
public record EntryPath(List<String> segments, boolean directory) {

  public EntryPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("an entry path has at least one segment");
    }
  }

  /** The segments joined with {@code /}, for messages and as a map key. */
  public String joined() {
    return String.join("/", segments);
  }

  public String fileName() {
    return segments.get(segments.size() - 1);
  }
}
