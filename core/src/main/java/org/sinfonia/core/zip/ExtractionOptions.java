package org.sinfonia.core.zip;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Per-run settings of an extraction (the limits are per extractor, from configuration).
 *
 * @param resume where to continue after a crash; {@link ResumePoint#START} for a fresh run
 * @param cancelled polled between entries and on every read of entry data
 * @param progress receives progress reports on the extracting thread; must be quick
 */
public record ExtractionOptions(
    ResumePoint resume, BooleanSupplier cancelled, Consumer<ExtractionProgress> progress) {

  public static final ExtractionOptions DEFAULT =
      new ExtractionOptions(ResumePoint.START, () -> false, p -> {});

  public ExtractionOptions {
    Objects.requireNonNull(resume, "resume");
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(progress, "progress");
  }

  public ExtractionOptions resumingFrom(ResumePoint point) {
    return new ExtractionOptions(point, cancelled, progress);
  }

  public ExtractionOptions cancelledWhen(BooleanSupplier flag) {
    return new ExtractionOptions(resume, flag, progress);
  }

  public ExtractionOptions reportingTo(Consumer<ExtractionProgress> listener) {
    return new ExtractionOptions(resume, cancelled, listener);
  }
}
