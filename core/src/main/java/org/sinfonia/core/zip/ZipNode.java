package org.sinfonia.core.zip;

import java.time.Instant;
import java.util.List;

/**
 * One node of a {@link ZipTree}: plain values a web layer can serialize as they are.
 *
 * @param name the last path segment
 * @param kind directory, regular file or symbolic link
 * @param size uncompressed bytes; for a directory, the sum over everything below it
 * @param compressedSize compressed bytes; for a directory, the sum over everything below it
 * @param modified modification time, or null for a directory implied by its children only
 * @param problem why extraction would skip this file (link, encryption, method, ratio), or null
 * @param children directories first, then files, each by name (case-insensitive); empty for files
 */
public record ZipNode(
    String name,
    Kind kind,
    long size,
    long compressedSize,
    Instant modified,
    ZipEntryProblem problem,
    List<ZipNode> children) {

  /** What a node is. */
  public enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK
  }

  public ZipNode {
    children = List.copyOf(children);
  }
}
