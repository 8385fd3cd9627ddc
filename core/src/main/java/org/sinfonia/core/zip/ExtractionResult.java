package org.sinfonia.core.zip;

import java.util.List;
import java.util.Optional;
import org.sinfonia.core.error.ApiError;

/**
 * How an extraction ended. Entry-level problems are in {@link #skipped()} whatever the outcome; an
 * archive-level refusal is {@link #refusal()}. Entries delivered before a refusal or cancellation
 * stay delivered, and {@link #resumePoint()} says where a retry would continue.
 *
 * @param outcome completed, refused as a whole part-way or up front, or cancelled
 * @param entriesDone entries finished, including those passed over on resume
 * @param bytesDone bytes delivered to the sink, including those counted before a resume
 * @param skipped the first {@link ZipLimits#maxReportedProblems()} skipped entries
 * @param skippedCount all skipped entries of this run
 * @param refusal the archive-level error when {@code outcome} is REFUSED, else null
 */
public record ExtractionResult(
    Outcome outcome,
    long entriesDone,
    long bytesDone,
    List<SkippedEntry> skipped,
    long skippedCount,
    ApiError refusal) {

  /** How the run ended. */
  public enum Outcome {
    COMPLETED,
    REFUSED,
    CANCELLED
  }

  public ExtractionResult {
    skipped = List.copyOf(skipped);
    if ((outcome == Outcome.REFUSED) != (refusal != null)) {
      throw new IllegalArgumentException(
          "a refusal error goes with, and only with, the REFUSED outcome");
    }
  }

  public Optional<ApiError> refusalError() {
    return Optional.ofNullable(refusal);
  }

  /** Throws the refusal, for callers that treat a refused archive as a failed request. */
  public ExtractionResult orThrow() {
    if (refusal != null) {
      throw refusal;
    }
    return this;
  }

  public ResumePoint resumePoint() {
    return new ResumePoint(entriesDone, bytesDone);
  }
}
