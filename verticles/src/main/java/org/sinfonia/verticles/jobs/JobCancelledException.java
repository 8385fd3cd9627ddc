package org.sinfonia.verticles.jobs;

/** Thrown by a handler that stopped because its job was cancelled; what it did stays done. */
public final class JobCancelledException extends RuntimeException {
  public JobCancelledException() {
    super("cancelled", null, false, false);
  }
}
