package org.sinfonia.core.zip;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.sinfonia.core.error.ApiError;

/**
 * Writes a zip archive entry by entry to an {@link OutputStream} that cannot seek (an HTTP
 * response), holding no file in memory and staging nothing on disk: content is copied through one
 * bounded buffer.
 *
 * <p>How entries are written, and why:
 *
 * <ul>
 *   <li>Files are DEFLATED with a data descriptor. A non-seekable stream needs the CRC-32 before a
 *       STORED entry's data (Commons Compress refuses STORED without it), and the CRC is only known
 *       after reading the content. Deflate's data descriptor carries the CRC after the data
 *       instead. The default level is 0 ("store" inside deflate: raw blocks, 5 bytes of framing per
 *       64 KiB): DICOM pixel data hardly compresses, and level 1 already costs ~50-100 MiB/s per
 *       core where level 0 costs nothing measurable. Pass another level to trade CPU for size.
 *       Empty files and directories are STORED (no descriptor needed).
 *   <li>ZIP64 is decided per entry from the size the caller declares: an entry whose deflate output
 *       could reach 4 GiB gets its ZIP64 field up front, because a stream cannot go back to add it.
 *       Offsets past 4 GiB and more than 65,535 entries switch on ZIP64 in the central directory
 *       automatically.
 *   <li>Names are UTF-8 with the language-encoding flag (bit 11). Duplicate paths get {@code (1)},
 *       {@code (2)} suffixes ({@link UniqueEntryNames}).
 * </ul>
 *
 * If anything fails part-way the archive is left without its central directory on purpose: the
 * client then sees a broken download instead of a well-formed archive that silently lacks files.
 */
public final class ZipStreamWriter implements Closeable {

  /** Deflate level 0: stored blocks inside a deflate stream. */
  public static final int DEFAULT_LEVEL = Deflater.NO_COMPRESSION;

  private static final int BUFFER = 64 * 1024;

  /**
   * Below this uncompressed size no deflate output can reach 4 GiB (zlib's deflateBound, with
   * margin).
   */
  private static final long ZIP64_THRESHOLD = 0xFFFF_FFFFL - (0xFFFF_FFFFL >> 11) - 64;

  private final CountingOutputStream counted;
  private final BufferedOutputStream buffered;
  private final ZipArchiveOutputStream zip;
  private final UniqueEntryNames names = new UniqueEntryNames();
  private final byte[] buffer = new byte[BUFFER];
  private final Instant created = Instant.now();
  private boolean broken;
  private boolean finished;

  public ZipStreamWriter(OutputStream out) {
    this(out, DEFAULT_LEVEL);
  }

  /**
   * @param deflateLevel 0 (default, no compression work) to 9
   */
  public ZipStreamWriter(OutputStream out, int deflateLevel) {
    if (deflateLevel < Deflater.NO_COMPRESSION || deflateLevel > Deflater.BEST_COMPRESSION) {
      throw new IllegalArgumentException("deflate level must be 0-9, was " + deflateLevel);
    }
    this.counted = new CountingOutputStream(Objects.requireNonNull(out, "out"));
    this.buffered = new BufferedOutputStream(counted, BUFFER);
    this.zip = new ZipArchiveOutputStream(buffered);
    zip.setEncoding("UTF-8");
    zip.setUseLanguageEncodingFlag(true);
    zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
    zip.setUseZip64(Zip64Mode.AsNeeded);
    zip.setMethod(ZipArchiveOutputStream.DEFLATED);
    zip.setLevel(deflateLevel);
  }

  /**
   * Adds a directory entry ({@code a/b} or {@code a/b/}); a directory already written is not
   * repeated.
   */
  public void addDirectory(String path) throws IOException {
    EntryPath entryPath = checked(path);
    String name = names.directory(entryPath.segments());
    if (name == null) {
      return;
    }
    ZipArchiveEntry entry = new ZipArchiveEntry(name + "/");
    emptyStored(entry, created);
    write(entry, null, 0);
  }

  /**
   * Adds a file, copying exactly {@code size} bytes from {@code content} (which the caller closes).
   *
   * @throws ApiError INTERNAL ZIP_SOURCE_SIZE when the content is shorter or longer than {@code
   *     size}: the archive is then broken and must not be finished
   */
  public void addFile(String path, long size, Instant modified, InputStream content)
      throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was " + size);
    }
    EntryPath entryPath = checked(path);
    if (entryPath.directory()) {
      throw ApiError.badRequest(
          "ZIP_INVALID_PATH", "'%s' names a directory, not a file", ZipEntryNames.printable(path));
    }
    ZipArchiveEntry entry = new ZipArchiveEntry(names.file(entryPath.segments()));
    Instant time = modified == null ? created : modified;
    if (size == 0) {
      emptyStored(entry, time);
    } else {
      entry.setMethod(ZipArchiveEntry.DEFLATED);
      entry.setSize(size);
      stamp(entry, time);
      if (size >= ZIP64_THRESHOLD) {
        // Announces a possibly > 4 GiB compressed size so that the ZIP64 field is in the local
        // header.
        entry.setCompressedSize(size + (size >> 11) + 64);
      }
    }
    write(entry, Objects.requireNonNull(content, "content"), size);
  }

  /**
   * Writes the central directory and flushes; the output stream stays open (the caller owns it).
   */
  public void finish() throws IOException {
    requireUsable();
    broken = true; // until the end record is out
    zip.finish();
    buffered.flush();
    finished = true;
    broken = false;
  }

  /** Bytes handed to the output stream so far. */
  public long bytesWritten() {
    return counted.count;
  }

  /**
   * Does not finish the archive: without {@link #finish()} it stays truncated. The output stream
   * stays open.
   */
  @Override
  public void close() {
    broken = true;
  }

  private void write(ZipArchiveEntry entry, InputStream content, long size) throws IOException {
    requireUsable();
    broken = true; // until the entry is complete
    zip.putArchiveEntry(entry);
    if (content != null) {
      copy(content, size, entry.getName());
    }
    zip.closeArchiveEntry();
    broken = false;
  }

  private void copy(InputStream content, long size, String name) throws IOException {
    long left = size;
    while (left > 0) {
      int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw sourceSize(name, "ends after %d of %d bytes", size - left, size);
      }
      zip.write(buffer, 0, n);
      left -= n;
    }
    if (content.read() >= 0) {
      throw sourceSize(name, "is longer than its %d bytes", size);
    }
  }

  private static void emptyStored(ZipArchiveEntry entry, Instant time) {
    entry.setMethod(ZipArchiveEntry.STORED);
    entry.setSize(0);
    entry.setCompressedSize(0);
    entry.setCrc(0);
    stamp(entry, time);
  }

  /**
   * DOS time (local, 2 s) for every reader, plus the Info-ZIP extended timestamp (UTC, 1 s) that
   * unzip, 7-Zip and Commons Compress prefer. Not {@code setLastModifiedTime}: it adds an NTFS
   * field and costs ~20 us per entry.
   */
  private static void stamp(ZipArchiveEntry entry, Instant time) {
    entry.setTime(time.toEpochMilli());
    X5455_ExtendedTimestamp extended = new X5455_ExtendedTimestamp();
    extended.setModifyJavaTime(Date.from(time));
    entry.addExtraField(extended);
  }

  private static EntryPath checked(String path) {
    try {
      return ZipEntryNames.parseStructure(path);
    } catch (ZipEntryRefusedException e) {
      throw ApiError.badRequest("ZIP_INVALID_PATH", "%s", e.problem().detail());
    }
  }

  private void requireUsable() {
    if (finished) {
      throw new IllegalStateException("the archive is already finished");
    }
    if (broken) {
      throw new IllegalStateException("an earlier failure left the archive incomplete");
    }
  }

  private static ApiError sourceSize(String name, String format, Object... args) {
    return new ApiError(
        ApiError.Kind.INTERNAL,
        "ZIP_SOURCE_SIZE",
        "content for '" + ZipEntryNames.printable(name) + "' " + String.format(format, args));
  }

  /** Counts what reaches the caller's stream; closing it does not close the caller's stream. */
  private static final class CountingOutputStream extends OutputStream {
    private final OutputStream out;
    private long count;

    private CountingOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
