package org.sinfonia.core.zip;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.sinfonia.core.error.ApiError;

/**
 * Lists a stored archive as a tree, from the central directory only: no local header or entry data
 * is read, so a listing costs one sequential read of the directory whatever the archive's size.
 * Names are decoded and checked exactly as extraction does; entries extraction would refuse by name
 * are listed apart, entries it would skip for other header reasons carry their {@link
 * ZipNode#problem()}.
 */
public final class ZipListing {

  /** Directories first, then by name as people read it (case-insensitive, ties broken by case). */
  private static final Comparator<ZipNode> ORDER =
      Comparator.comparing((ZipNode n) -> n.kind() != ZipNode.Kind.DIRECTORY)
          .thenComparing(ZipNode::name, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(ZipNode::name);

  private final ZipLimits limits;

  public ZipListing(ZipLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * @throws ApiError ZIP_CORRUPT, ZIP_TOO_MANY_ENTRIES or ZIP_MULTI_DISK for an archive that cannot
   *     be listed
   * @throws IOException when the file cannot be read
   */
  public ZipTree list(Path archive) throws IOException {
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
      return list(channel);
    }
  }

  /** As {@link #list(Path)}; the channel stays open. */
  public ZipTree list(SeekableByteChannel archive) throws IOException {
    try (ZipFile zip = CentralDirectory.open(archive, limits, true)) {
      return build(zip);
    } catch (ZipArchiveRefusedException e) {
      throw e.error();
    } catch (ArchiveSourceException e) {
      throw e.original();
    }
  }

  private ZipTree build(ZipFile zip) throws ZipArchiveRefusedException {
    Dir root = new Dir("");
    List<SkippedEntry> refused = new ArrayList<>();
    long entries = 0;
    long refusedCount = 0;
    long files = 0;
    for (Enumeration<ZipArchiveEntry> all = zip.getEntries(); all.hasMoreElements(); ) {
      ZipArchiveEntry entry = all.nextElement();
      if (++entries > limits.maxEntries()) {
        throw new ZipArchiveRefusedException(ZipRefusals.tooManyEntries(-1, limits.maxEntries()));
      }
      String name = EntryNameDecoder.name(entry);
      EntryPath path;
      try {
        path = ZipEntryNames.parse(name, limits);
      } catch (ZipEntryRefusedException e) {
        if (refused.size() < limits.maxReportedProblems()) {
          refused.add(new SkippedEntry(entries - 1, name, e.problem()));
        }
        refusedCount++;
        continue;
      }
      int depth = path.segments().size();
      Dir parent = root.descend(path.segments(), path.directory() ? depth : depth - 1);
      if (path.directory()) {
        parent.modified = modified(entry);
      } else {
        parent.files.add(file(entry, name, path));
        files++;
      }
    }
    ZipNode tree = root.toNode();
    return new ZipTree(
        tree, entries, files, tree.size(), tree.compressedSize(), refused, refusedCount);
  }

  private ZipNode file(ZipArchiveEntry entry, String name, EntryPath path) {
    ZipEntryProblem problem = null;
    try {
      EntryScreen.check(entry, name, limits);
    } catch (ZipEntryRefusedException e) {
      problem = e.problem();
    }
    ZipNode.Kind kind = entry.isUnixSymlink() ? ZipNode.Kind.SYMLINK : ZipNode.Kind.FILE;
    return new ZipNode(
        path.fileName(),
        kind,
        Math.max(0, entry.getSize()),
        Math.max(0, entry.getCompressedSize()),
        modified(entry),
        problem,
        List.of());
  }

  private static Instant modified(ZipArchiveEntry entry) {
    return entry.getTime() < 0 ? null : Instant.ofEpochMilli(entry.getTime());
  }

  /** A directory while the tree is being built. */
  private static final class Dir {
    private final String name;
    private final Map<String, Dir> dirs = new LinkedHashMap<>();
    private final List<ZipNode> files = new ArrayList<>();
    private Instant modified;

    private Dir(String name) {
      this.name = name;
    }

    /** The directory {@code segments[0..depth)} below this one, created as needed. */
    private Dir descend(List<String> segments, int depth) {
      Dir dir = this;
      for (int i = 0; i < depth; i++) {
        dir = dir.dirs.computeIfAbsent(segments.get(i), Dir::new);
      }
      return dir;
    }

    private ZipNode toNode() {
      List<ZipNode> children = new ArrayList<>(dirs.size() + files.size());
      long size = 0;
      long compressed = 0;
      for (Dir dir : dirs.values()) {
        children.add(dir.toNode());
      }
      children.addAll(files);
      for (ZipNode child : children) {
        size += child.size();
        compressed += child.compressedSize();
      }
      children.sort(ORDER);
      return new ZipNode(name, ZipNode.Kind.DIRECTORY, size, compressed, modified, null, children);
    }
  }
}
