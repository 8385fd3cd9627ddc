package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/**
 * The stream a sink reads an entry's content from. It enforces the limits on the bytes actually
 * inflated, not on what the headers claim: no read ever hands out a byte beyond the entry's
 * declared size, its ratio allowance or the archive's remaining budget. At the end it checks the
 * size and CRC-32 before reporting end of stream, so a sink that commits only after reading to the
 * end never keeps a corrupt entry.
 *
 * <p>Each failure is sticky and remembered, so the extractor learns of it even if a sink swallows
 * the exception.
 */
final class GuardedEntryStream extends InputStream {

  /**
   * Called once the inflated data ends, before the size and CRC checks (streaming: read the data
   * descriptor).
   */
  interface EndHook {
    void reached() throws ArchiveSourceException;
  }

  private static final long PROGRESS_STEP = 8L << 20;

  private final ExtractionRun run;
  private final ZipArchiveEntry entry;
  private final String name;
  private final InputStream data;
  private final LongSupplier compressedSoFar;
  private final EndHook endHook;
  private final long allowance;
  private final CRC32 crc = new CRC32();
  private long produced;
  private long nextProgress = PROGRESS_STEP;
  private boolean ended;
  private IOException failure;

  /**
   * @param data the inflated entry data from Commons Compress
   * @param compressedSoFar compressed bytes consumed so far, for the ratio while the compressed
   *     size is unknown
   */
  GuardedEntryStream(
      ExtractionRun run,
      ZipArchiveEntry entry,
      String name,
      InputStream data,
      LongSupplier compressedSoFar,
      EndHook endHook) {
    this.run = run;
    this.entry = entry;
    this.name = name;
    this.data = data;
    this.compressedSoFar = compressedSoFar;
    this.endHook = endHook;
    this.allowance = run.remainingBudget();
  }

  long produced() {
    return produced;
  }

  boolean ended() {
    return ended;
  }

  /** The first guard failure, or null: set even when the sink caught the exception. */
  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    if (run.isCancelled()) {
      throw fail(new ExtractionCancelledException());
    }
    int n;
    try {
      // Up to the headroom, so a breach surfaces in a read of its own; at zero headroom one byte
      // probes for it.
      long room = headroom();
      n = data.read(b, off, room > 0 ? (int) Math.min(len, room) : 1);
    } catch (ArchiveSourceException | ZipArchiveRefusedException e) {
      throw fail(e);
    } catch (IOException
        | RuntimeException e) { // decoders throw runtime exceptions on some malformed input
      throw fail(unreadable(e));
    }
    if (n < 0) {
      return end();
    }
    produced += n;
    checkLimits();
    crc.update(b, off, n);
    if (produced >= nextProgress) {
      nextProgress = produced + PROGRESS_STEP;
      run.progressWithin(produced);
    }
    return n;
  }

  /** Bytes that may still be produced before some limit is crossed (never negative). */
  private long headroom() {
    long room = allowance - produced;
    long declared = entry.getSize();
    if (declared >= 0) {
      room = Math.min(room, declared - produced);
    }
    room = Math.min(room, ratioAllowance() - produced);
    return Math.max(0, Math.min(room, Integer.MAX_VALUE - 1));
  }

  private long ratioAllowance() {
    return run.limits()
        .ratioAllowance(Math.max(entry.getCompressedSize(), compressedSoFar.getAsLong()));
  }

  private void checkLimits() throws IOException {
    if (produced > allowance) {
      throw fail(
          new ZipArchiveRefusedException(ZipRefusals.tooLarge(run.limits().maxTotalBytes())));
    }
    if (produced > ratioAllowance()) {
      throw fail(
          refuse(
              Reason.RATIO_EXCEEDED,
              "'%s' expands more than %d times",
              ZipEntryNames.printable(name),
              run.limits().maxRatio()));
    }
    long declared = entry.getSize();
    if (declared >= 0 && produced > declared) {
      throw fail(
          refuse(
              Reason.SIZE_MISMATCH,
              "'%s' produces more than its declared %d bytes",
              ZipEntryNames.printable(name),
              declared));
    }
  }

  private int end() throws IOException {
    if (endHook != null) {
      try {
        endHook.reached();
      } catch (ArchiveSourceException e) {
        throw fail(e);
      }
    }
    long declared = entry.getSize();
    long expectedCrc = entry.getCrc();
    if (declared < 0 || expectedCrc < 0) {
      throw fail(unreadable(new IOException("its size and CRC-32 are unknown after its data")));
    }
    if (produced != declared) {
      throw fail(
          refuse(
              Reason.SIZE_MISMATCH,
              "'%s' produced %d bytes, its headers declare %d",
              ZipEntryNames.printable(name),
              produced,
              declared));
    }
    if (crc.getValue() != expectedCrc) {
      throw fail(
          refuse(
              Reason.CRC_MISMATCH,
              "'%s' has CRC-32 %08x, its headers declare %08x",
              ZipEntryNames.printable(name),
              crc.getValue(),
              expectedCrc));
    }
    ended = true;
    return -1;
  }

  /**
   * Undecodable data: the entry alone when the reader can resynchronise, the archive when it
   * cannot.
   */
  private IOException unreadable(Throwable cause) {
    String why = ZipEntryNames.printable(String.valueOf(cause.getMessage()));
    if (run.canResync()) {
      return new ZipEntryRefusedException(
          ZipEntryProblem.of(
              Reason.CORRUPT_DATA,
              "'%s' cannot be decoded: %s",
              ZipEntryNames.printable(name),
              why),
          cause);
    }
    return new ZipArchiveRefusedException(
        ZipRefusals.corrupt(
            cause, "entry '%s' cannot be read: %s", ZipEntryNames.printable(name), why));
  }

  private static ZipEntryRefusedException refuse(Reason reason, String format, Object... args) {
    return new ZipEntryRefusedException(ZipEntryProblem.of(reason, format, args));
  }

  private IOException fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return failure;
  }

  /** The extractor owns the underlying entry stream; a sink closing its view changes nothing. */
  @Override
  public void close() {}
}
