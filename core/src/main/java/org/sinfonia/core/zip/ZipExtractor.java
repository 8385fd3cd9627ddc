package org.sinfonia.core.zip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.sinfonia.core.zip.ExtractionResult.Outcome;

/**
 * Guarded zip extraction into an {@link EntrySink}, in two read modes behind one result: random
 * access over a stored archive (through its central directory; everything archive-wide is checked
 * before the first entry) and streaming while the bytes arrive (through local headers; guards apply
 * as entries go by).
 *
 * <p>Never returns or throws for what an archive contains: entry problems are skipped and listed,
 * archive-wide refusals are an {@link ExtractionResult} with outcome REFUSED. It throws only when
 * the archive's source fails ({@link IOException}) or the sink does (whatever the sink threw), and
 * a job may then retry from the last {@link ExtractionProgress#resumePoint()}. Plain blocking code:
 * run it on a worker thread.
 */
public final class ZipExtractor {

  private final ZipLimits limits;

  public ZipExtractor(ZipLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public ZipLimits limits() {
    return limits;
  }

  /** Extracts a stored archive file. */
  public ExtractionResult extract(Path archive, EntrySink sink, ExtractionOptions options)
      throws IOException {
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
      return extract(channel, sink, options);
    }
  }

  /**
   * Extracts a stored archive through its central directory. The channel stays open; the caller
   * owns it.
   */
  public ExtractionResult extract(
      SeekableByteChannel archive, EntrySink sink, ExtractionOptions options) throws IOException {
    ExtractionRun run =
        new ExtractionRun(limits, Objects.requireNonNull(sink, "sink"), options, true);
    return settle(run, () -> new RandomAccessExtraction(run).extract(archive));
  }

  /**
   * Extracts an archive as its bytes arrive, reading the stream to its end. The stream stays open;
   * the caller owns it.
   */
  public ExtractionResult extractStream(
      InputStream archive, EntrySink sink, ExtractionOptions options) throws IOException {
    ExtractionRun run =
        new ExtractionRun(limits, Objects.requireNonNull(sink, "sink"), options, false);
    return settle(run, () -> new StreamingExtraction(run).extract(archive));
  }

  private interface Body {
    void run() throws IOException;
  }

  private static ExtractionResult settle(ExtractionRun run, Body body) throws IOException {
    try {
      body.run();
      return run.result(Outcome.COMPLETED, null);
    } catch (ZipArchiveRefusedException e) {
      return run.result(Outcome.REFUSED, e.error());
    } catch (ExtractionCancelledException e) {
      return run.result(Outcome.CANCELLED, null);
    } catch (ArchiveSourceException e) {
      throw e.original();
    }
  }
}
