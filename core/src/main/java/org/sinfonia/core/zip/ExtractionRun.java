package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/**
 * The state of one extraction, shared by both read modes: counters, the remaining byte budget, the
 * skipped entries, progress and cancellation, and the one place where a file reaches the sink.
 */
final class ExtractionRun {

  private static final int MAGIC = 4;

  private final ZipLimits limits;
  private final EntrySink sink;
  private final ExtractionOptions options;
  private final boolean canResync;
  private final List<SkippedEntry> skipped = new ArrayList<>();
  private long skippedCount;
  private long entriesDone;
  private long bytesDone;
  private long bytesDiscarded;
  private long entriesTotal = -1;
  private long bytesTotal = -1;

  /**
   * @param canResync whether the reader can go on after an entry's data turns out undecodable
   *     (random access can, a stream cannot find the next entry reliably)
   */
  ExtractionRun(ZipLimits limits, EntrySink sink, ExtractionOptions options, boolean canResync) {
    this.limits = limits;
    this.sink = sink;
    this.options = options;
    this.canResync = canResync;
    this.entriesDone = options.resume().entries();
    this.bytesDone = options.resume().bytes();
  }

  ZipLimits limits() {
    return limits;
  }

  boolean canResync() {
    return canResync;
  }

  long resumeEntries() {
    return options.resume().entries();
  }

  void totals(long entries, long bytes) {
    this.entriesTotal = entries;
    this.bytesTotal = bytes;
  }

  boolean isCancelled() {
    return options.cancelled().getAsBoolean();
  }

  void checkCancelled() throws ExtractionCancelledException {
    if (isCancelled()) {
      throw new ExtractionCancelledException();
    }
  }

  /** Bytes the rest of the archive may still produce, delivered or discarded. */
  long remainingBudget() {
    return limits.maxTotalBytes() - bytesDone - bytesDiscarded;
  }

  /** Counts bytes inflated only to get past an entry; they cost as much as delivered ones. */
  void discarded(long bytes) throws ZipArchiveRefusedException {
    bytesDiscarded += bytes;
    if (remainingBudget() < 0) {
      throw new ZipArchiveRefusedException(ZipRefusals.tooLarge(limits.maxTotalBytes()));
    }
  }

  void progressWithin(long entryBytes) {
    options
        .progress()
        .accept(
            new ExtractionProgress(entriesDone, entriesTotal, bytesDone, bytesTotal, entryBytes));
  }

  void directory(EntryPath path) throws IOException {
    sink.directory(path.segments());
    finished(0);
  }

  void skip(String rawName, ZipEntryProblem problem) {
    sink.skipped(rawName, problem);
    skippedCount++;
    if (skipped.size() < limits.maxReportedProblems()) {
      skipped.add(new SkippedEntry(entriesDone, rawName, problem));
    }
    finished(0);
  }

  /**
   * Hands one file to the sink through a guarded stream and settles the entry: delivered, or
   * skipped when the guard refused it. Archive-level refusals, cancellation and source failures
   * propagate; so does any failure of the sink's own.
   *
   * @return the guard, so that the caller can tell whether the entry's data was read to its end
   */
  GuardedEntryStream deliver(
      ZipArchiveEntry entry,
      String rawName,
      EntryPath path,
      InputStream data,
      LongSupplier compressedSoFar,
      GuardedEntryStream.EndHook endHook)
      throws IOException {
    GuardedEntryStream guard =
        new GuardedEntryStream(this, entry, rawName, data, compressedSoFar, endHook);
    Instant modified = entry.getTime() < 0 ? null : Instant.ofEpochMilli(entry.getTime());
    try {
      PushbackInputStream content = new PushbackInputStream(guard, MAGIC);
      byte[] magic = content.readNBytes(MAGIC);
      content.unread(magic);
      if (isZip(magic)) {
        sink.nestedArchive(path.segments(), content, entry.getSize(), modified);
      } else {
        sink.file(path.segments(), content, entry.getSize(), modified);
      }
    } catch (IOException | RuntimeException e) {
      if (guard.failure() == null) {
        throw e; // the sink's own failure, not the archive's
      }
    }
    IOException failure = guard.failure();
    if (failure instanceof ZipEntryRefusedException refused) {
      bytesDiscarded += guard.produced(); // inflated, then withdrawn: they still cost
      skip(rawName, refused.problem());
    } else if (failure != null) {
      throw failure;
    } else {
      finished(guard.produced());
    }
    return guard;
  }

  ExtractionResult result(Outcome outcome, ApiError refusal) {
    return new ExtractionResult(outcome, entriesDone, bytesDone, skipped, skippedCount, refusal);
  }

  private void finished(long bytes) {
    entriesDone++;
    bytesDone += bytes;
    progressWithin(0);
  }

  /**
   * A local header, an empty archive's end record or a spanning marker: the content is itself a
   * zip.
   */
  private static boolean isZip(byte[] magic) {
    return magic.length == MAGIC
        && magic[0] == 'P'
        && magic[1] == 'K'
        && ((magic[2] == 3 && magic[3] == 4)
            || (magic[2] == 5 && magic[3] == 6)
            || (magic[2] == 7 && magic[3] == 8));
  }
}
