package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * Extraction while the archive's bytes arrive (upload-and-extract), following local headers.
 * Without the central directory there is nothing to check up front, so every guard works as the
 * entries go by: entries are counted as their headers arrive, bytes as they are inflated. Entries
 * delivered before a refusal stay delivered.
 *
 * <p>What a stream cannot do, and what happens instead:
 *
 * <ul>
 *   <li>find the end of an entry whose size is only in a trailing data descriptor, unless its data
 *       is deflate (the deflate stream marks its own end). For a STORED one Commons Compress scans
 *       for the descriptor's signature, holding the entry in memory: allowed up to {@link
 *       ZipLimits#streamBufferBytes()} (Info-ZIP's {@code zip -} writes every empty file and
 *       directory that way), beyond that, and for a bzip2 or encrypted entry with a data
 *       descriptor, the archive is refused (ZIP_NEEDS_RANDOM_ACCESS);
 *   <li>skip a deflate entry with a data descriptor without inflating it: skipped entries of that
 *       kind are inflated and discarded, and those bytes count against the total;
 *   <li>see a symbolic link: the link bit lives only in the central directory, so a link arrives as
 *       a small file holding the target's name (harmless: sinks never create links);
 *   <li>resynchronise after undecodable data: the archive is refused as ZIP_CORRUPT.
 * </ul>
 *
 * When the stream ends, its end record must be there (a stream cut at an entry boundary is
 * otherwise indistinguishable from a complete one) and must count as many entries as the stream
 * held.
 */
final class StreamingExtraction {

  private static final int DRAIN_BUFFER = 64 * 1024;

  private final ExtractionRun run;
  private final ZipLimits limits;
  private SourceStream source;
  private ZipArchiveInputStream zip;
  private boolean prefetched;
  private ZipArchiveEntry nextEntry;
  private IOException nextFailure;
  private long seen;
  private long passedOverBytes;

  StreamingExtraction(ExtractionRun run) {
    this.run = run;
    this.limits = run.limits();
  }

  void extract(InputStream in) throws IOException {
    source = new SourceStream(in);
    try (ZipArchiveInputStream stream =
        new ZipArchiveInputStream(source, EntryNameDecoder.FALLBACK_ENCODING, true, true, false)) {
      zip = stream;
      ZipArchiveEntry entry;
      while ((entry = next()) != null) {
        if (++seen > limits.maxEntries()) {
          throw new ZipArchiveRefusedException(ZipRefusals.tooManyEntries(-1, limits.maxEntries()));
        }
        String name = EntryNameDecoder.name(entry);
        if (seen <= run.resumeEntries()) {
          discardData(
              entry, name, true); // handled by an earlier run, already counted in the resume point
          continue;
        }
        run.checkCancelled();
        handle(entry, name);
      }
      checkEnd();
    }
  }

  private void handle(ZipArchiveEntry entry, String name) throws IOException {
    EntryPath path;
    try {
      path = EntryScreen.check(entry, name, limits);
    } catch (ZipEntryRefusedException e) {
      run.skip(name, e.problem());
      discardData(entry, name, false);
      return;
    }
    if (path.directory()) {
      run.directory(path);
      discardData(entry, name, false);
      return;
    }
    if (!zip.canReadEntryData(entry)) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.needsRandomAccess(
              name,
              "its length is only in a data descriptor and its data does not mark its own end"));
    }
    if (entry.getSize() > run.remainingBudget()) {
      throw new ZipArchiveRefusedException(ZipRefusals.tooLarge(limits.maxTotalBytes()));
    }
    boolean descriptor = entry.getGeneralPurposeBit().usesDataDescriptor();
    capIfBuffered(entry, name);
    try {
      GuardedEntryStream guard =
          run.deliver(
              entry, name, path, zip, zip::getCompressedCount, descriptor ? this::prefetch : null);
      if (!guard.ended() && !prefetched) {
        discardData(entry, name, false); // the sink stopped early, or the guard refused the entry
      }
    } finally {
      source.uncap();
    }
  }

  private void capIfBuffered(ZipArchiveEntry entry, String name) {
    if (entry.getMethod() == ZipMethod.STORED.getCode()
        && entry.getGeneralPurposeBit().usesDataDescriptor()) {
      source.cap(limits.streamBufferBytes(), name);
    }
  }

  /**
   * Gets past the rest of an entry's data. With sizes in the local header Commons Compress skips
   * the compressed bytes without decoding them; with a data descriptor only inflating finds the
   * end, and that costs budget.
   */
  private void discardData(ZipArchiveEntry entry, String name, boolean passingOver)
      throws IOException {
    if (!entry.getGeneralPurposeBit().usesDataDescriptor() || prefetched) {
      return;
    }
    int method = entry.getMethod();
    if (EntryScreen.isEncrypted(entry)
        || (method != ZipMethod.DEFLATED.getCode()
            && method != ZipMethod.ENHANCED_DEFLATED.getCode()
            && method != ZipMethod.STORED.getCode())) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.needsRandomAccess(
              name,
              "its length is only in a data descriptor and its data cannot be decoded to find its end"));
    }
    byte[] buffer = new byte[DRAIN_BUFFER];
    capIfBuffered(entry, name);
    try {
      int n;
      while ((n = zip.read(buffer)) >= 0) {
        if (passingOver) {
          passedOverBytes += n; // counted apart: a resumed run already counted these entries
          if (passedOverBytes > limits.maxTotalBytes()) {
            throw new ZipArchiveRefusedException(ZipRefusals.tooLarge(limits.maxTotalBytes()));
          }
        } else {
          run.discarded(n);
        }
        run.checkCancelled();
      }
    } catch (ArchiveSourceException | ZipArchiveRefusedException | ExtractionCancelledException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.corrupt(
              e,
              "entry '%s' cannot be read: %s",
              ZipEntryNames.printable(name),
              ZipEntryNames.printable(String.valueOf(e.getMessage()))));
    } finally {
      source.uncap();
    }
  }

  private ZipArchiveEntry next() throws IOException {
    if (prefetched) {
      prefetched = false;
      if (nextFailure != null) {
        throw nextFailure;
      }
      return nextEntry;
    }
    return readHeader();
  }

  /**
   * Reads the next local header as soon as an entry's data ends, which makes Commons Compress read
   * this entry's data descriptor: its CRC and size are then known before the sink sees the end of
   * the data. A broken next header is kept for the loop; only a failing source stops the entry.
   */
  private void prefetch() throws ArchiveSourceException {
    if (prefetched) {
      return;
    }
    prefetched = true;
    try {
      nextEntry = readHeader();
    } catch (ArchiveSourceException e) {
      throw e;
    } catch (IOException e) {
      nextFailure = e;
    }
  }

  private ZipArchiveEntry readHeader() throws IOException {
    try {
      return zip.getNextEntry();
    } catch (ArchiveSourceException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.corrupt(
              e,
              "a local header cannot be read: %s",
              ZipEntryNames.printable(String.valueOf(e.getMessage()))));
    }
  }

  /**
   * Commons Compress reports the end both at the central directory and when the bytes simply stop.
   */
  private void checkEnd() throws IOException {
    byte[] rest = new byte[DRAIN_BUFFER];
    long trailing = 0;
    int n;
    while ((n = source.read(rest, 0, rest.length)) >= 0) {
      trailing += n;
      if (trailing > CentralDirectoryEnd.MAX_TAIL) {
        throw new ZipArchiveRefusedException(
            ZipRefusals.corrupt("unexpected data after the last entry"));
      }
    }
    byte[] tail = source.tail();
    CentralDirectoryEnd end;
    try {
      end = CentralDirectoryEnd.inTail(tail, tail.length, source.total());
    } catch (ZipArchiveRefusedException e) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.corrupt(
              "the stream ended after %d entries without a central directory: truncated?", seen));
    }
    if (end.entries() >= 0 && end.entries() != seen) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.corrupt(
              "the central directory lists %d entries but the stream held %d",
              end.entries(), seen));
    }
  }
}
