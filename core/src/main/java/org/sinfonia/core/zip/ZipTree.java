package org.sinfonia.core.zip;

import java.util.List;

/**
 * The contents of an archive as read from its central directory alone.
 *
 * @param root an unnamed directory holding the top level
 * @param entries entries in the central directory
 * @param files regular file and link entries placed in the tree
 * @param size total uncompressed bytes of the files in the tree (as declared)
 * @param compressedSize total compressed bytes of the files in the tree
 * @param refused entries whose names cannot be placed (zip slip, control characters, limits), first
 *     {@link ZipLimits#maxReportedProblems()}
 * @param refusedCount all such entries
 */
public record ZipTree(
    ZipNode root,
    long entries,
    long files,
    long size,
    long compressedSize,
    List<SkippedEntry> refused,
    long refusedCount) {

  public ZipTree {
    refused = List.copyOf(refused);
  }
}
