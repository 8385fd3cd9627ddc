package org.sinfonia.web.ingest;

/** A gate refused the file once its bytes were seen: carries the gate's own reason. */
final class IngestRefusal extends RuntimeException {

  IngestRefusal(RuntimeException reason) {
    super(reason.getMessage(), reason, false, false);
  }

  RuntimeException reason() {
    return (RuntimeException) getCause();
  }
}
