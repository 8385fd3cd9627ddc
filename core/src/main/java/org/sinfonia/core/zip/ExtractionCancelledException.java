package org.sinfonia.core.zip;

import java.io.InterruptedIOException;

/** Thrown into a sink's read, and up to the extractor, when the cancellation flag is raised. */
final class ExtractionCancelledException extends InterruptedIOException {

  ExtractionCancelledException() {
    super("zip extraction cancelled");
  }
}
