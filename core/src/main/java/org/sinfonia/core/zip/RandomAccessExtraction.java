package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/**
 * Extraction from a stored archive through its central directory. Everything that can refuse the
 * archive as a whole is checked before the first entry reaches the sink: the entry count (from the
 * end record, before the central directory is parsed), overlapping entries, and the declared total.
 * Entries are then delivered in the physical order of their data, so the archive is read front to
 * back.
 */
final class RandomAccessExtraction {

  /** What the header checks made of one entry: a path to deliver, or the reason it is skipped. */
  private record Plan(
      ZipArchiveEntry entry, String name, EntryPath path, ZipEntryProblem problem) {}

  private final ExtractionRun run;
  private final ZipLimits limits;

  RandomAccessExtraction(ExtractionRun run) {
    this.run = run;
    this.limits = run.limits();
  }

  void extract(SeekableByteChannel channel) throws IOException {
    try (ZipFile zip = CentralDirectory.open(channel, limits, false)) {
      List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
      if (entries.size() > limits.maxEntries()) {
        throw new ZipArchiveRefusedException(
            ZipRefusals.tooManyEntries(entries.size(), limits.maxEntries()));
      }
      checkOverlaps(entries);
      List<Plan> plans = plan(entries);
      long declared = 0;
      for (Plan plan : plans) {
        if (plan.problem() == null && !plan.path().directory()) {
          declared += plan.entry().getSize();
        }
      }
      if (declared > limits.maxTotalBytes()) {
        throw new ZipArchiveRefusedException(ZipRefusals.tooLarge(limits.maxTotalBytes()));
      }
      run.totals(plans.size(), declared);
      for (int i = (int) Math.min(run.resumeEntries(), plans.size()); i < plans.size(); i++) {
        run.checkCancelled();
        deliver(zip, plans.get(i));
      }
    }
  }

  /**
   * Refuses archives whose entries share bytes: each entry owns {@code [local header, data end)},
   * and in physical order each must start at or after the previous one's end. This is what
   * overlapping-entry bombs (many central directory records over one compressed kernel) cannot
   * satisfy.
   */
  private static void checkOverlaps(List<ZipArchiveEntry> physicalOrder)
      throws ZipArchiveRefusedException {
    ZipArchiveEntry previous = null;
    long previousEnd = 0;
    for (ZipArchiveEntry entry : physicalOrder) {
      if (previous != null && entry.getLocalHeaderOffset() < previousEnd) {
        throw new ZipArchiveRefusedException(
            ZipRefusals.overlapping(previous.getName(), entry.getName()));
      }
      previous = entry;
      previousEnd = entry.getDataOffset() + Math.max(0, entry.getCompressedSize());
    }
  }

  private List<Plan> plan(List<ZipArchiveEntry> entries) {
    List<Plan> plans = new ArrayList<>(entries.size());
    for (ZipArchiveEntry entry : entries) {
      String name = EntryNameDecoder.name(entry);
      try {
        plans.add(new Plan(entry, name, EntryScreen.check(entry, name, limits), null));
      } catch (ZipEntryRefusedException e) {
        plans.add(new Plan(entry, name, null, e.problem()));
      }
    }
    return plans;
  }

  private void deliver(ZipFile zip, Plan plan) throws IOException {
    if (plan.problem() != null) {
      run.skip(plan.name(), plan.problem());
      return;
    }
    if (plan.path().directory()) {
      run.directory(plan.path());
      return;
    }
    if (!zip.canReadEntryData(plan.entry())) {
      run.skip(
          plan.name(),
          ZipEntryProblem.of(
              Reason.UNSUPPORTED_METHOD,
              "'%s' cannot be decoded here",
              ZipEntryNames.printable(plan.name())));
      return;
    }
    InputStream data;
    try {
      // Commons Compress gives every entry stream a 64 KiB buffer; an empty entry needs none.
      data =
          isEmpty(plan.entry()) ? InputStream.nullInputStream() : zip.getInputStream(plan.entry());
    } catch (ArchiveSourceException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      run.skip(
          plan.name(),
          ZipEntryProblem.of(
              Reason.CORRUPT_DATA,
              "'%s' cannot be opened: %s",
              ZipEntryNames.printable(plan.name()),
              ZipEntryNames.printable(String.valueOf(e.getMessage()))));
      return;
    }
    try (data) {
      // The central directory's compressed size bounds what the decoder may read, so it is the
      // ratio's base.
      run.deliver(plan.entry(), plan.name(), plan.path(), data, () -> 0, null);
    }
  }

  private static boolean isEmpty(ZipArchiveEntry entry) {
    return entry.getSize() == 0 && entry.getCompressedSize() == 0;
  }
}
