package org.sinfonia.verticles.jobs;

/**
 * Thrown by a handler whose job cannot succeed by running again (a refused archive, a target that
 * is gone, access withdrawn): the job fails at once with this message, without the retries a
 * transient failure gets.
 */
public final class JobFailedException extends RuntimeException {
  public JobFailedException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
