package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where extracted entries go, one call per entry, in archive order. Paths are always safe relative
 * segments (see {@link EntryPath}); a sink never has to sanitize them, only to map them onto its
 * storage.
 *
 * <p>A file's content is a stream the extractor guards: it throws an {@link IOException} (a {@link
 * ZipEntryRefusedException}, a {@link ZipArchiveRefusedException} or an interruption) the moment
 * the entry breaks a limit, fails its CRC or size check, or the extraction is cancelled. A sink
 * must then discard what it wrote of that entry: it should commit only after reading the stream to
 * its end ({@code read} returned -1), because the size and CRC checks run there. After such an
 * entry-level refusal {@link #skipped} is called for the same entry. An exception the sink throws
 * on its own (storage full, ...) ends the extraction and propagates.
 */
public interface EntrySink {

  /**
   * A directory entry. Parent directories of files are not announced separately; create them as
   * needed.
   */
  void directory(List<String> path) throws IOException;

  /**
   * A regular file. The content stream must not be kept after returning; closing it is optional.
   *
   * @param declaredSize size from the headers, or -1 when a streamed entry defers it to a data
   *     descriptor
   * @param modified modification time from the headers, or null when unknown
   */
  void file(List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException;

  /**
   * A file whose content is itself a zip archive (recognised by its signature, whatever its name).
   * It is never extracted recursively; by default it is stored like any other file. Override to
   * flag it.
   */
  default void nestedArchive(
      List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException {
    file(path, content, declaredSize, modified);
  }

  /**
   * An entry that was not (or not completely) delivered. {@code rawName} is the name as decoded
   * from the archive, possibly hostile: escape it before display ({@link ZipEntryNames#printable}).
   */
  void skipped(String rawName, ZipEntryProblem problem);
}
