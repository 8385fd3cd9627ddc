package org.sinfonia.core.zip;

import java.io.IOException;

/**
 * Thrown into a sink's read of an entry (and used inside the extractor) when that one entry is
 * refused: the sink must discard what it has written of it. Other entries go on.
 */
public final class ZipEntryRefusedException extends IOException {

  private final transient ZipEntryProblem problem;

  public ZipEntryRefusedException(ZipEntryProblem problem) {
    this(problem, null);
  }

  public ZipEntryRefusedException(ZipEntryProblem problem, Throwable cause) {
    super(problem.code() + ": " + problem.detail(), cause);
    this.problem = problem;
  }

  public ZipEntryProblem problem() {
    return problem;
  }
}
